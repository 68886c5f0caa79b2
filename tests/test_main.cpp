#define BOOST_TEST_MODULE mechcheck
#include <boost/test/unit_test.hpp>
