// Seeded violation for the layering check's own test: a paper includes another paper's model.
#include "other/model/economy.hpp"
