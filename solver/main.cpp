#include <iostream>
int main() { std::cout << "makepack: under construction\n"; return 0; }
