#include <iostream>
#include "tc0/version.hpp"
int main() { std::cout << tc0::version_line() << "\n"; }
