#include "generated.h"

void copies() {
  auto a = rust::std::string::String::new_();
  auto b = a;  // String is not Copy: the copy constructor is deleted
}
