#pragma once
// The descriptor of the bk paper, Bulow & Klemperer (1996): everything mechcheck knows of it is
// reached from paper(); main.cpp appends it to the papers mechcheck is built with.
#include "mechcheck/papers/paper.hpp"

namespace bk {

mechcheck::Paper paper();  // paper.cpp

}  // namespace bk
