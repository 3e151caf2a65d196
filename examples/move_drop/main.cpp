#include <cstring>
#include <iostream>

#include "generated.h"

using rust::crate::Noisy;

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "use-after-move") == 0) {
    Noisy a("a"_rs.to_owned());
    Noisy b = std::move(a);
    a.name();  // terminates: `a` was moved from
    return 0;
  }
  {
    Noisy a("a"_rs.to_owned());
    Noisy b("b"_rs.to_owned());
    rust::crate::print("assigning a to b"_rs);
    b = std::move(a);  // drops the old b
    rust::crate::print(b.name());
    rust::crate::print("end of scope"_rs);
  }  // drops a (moved-from: nothing) and b
  Noisy later;  // uninitialised, like `let later;`
  later = Noisy("later"_rs.to_owned());
  later.rename("renamed"_rs);
  rust::crate::consume(std::move(later));
  rust::crate::print("after consume"_rs);

  Noisy kept = rust::crate::pass_through(Noisy("kept"_rs.to_owned()));
  zngur_dbg(kept);

  rust::crate::Counter counter;
  counter.hello();
  rust::crate::Counter made = rust::crate::make_counter();
  made.hello();
  rust::crate::print("end of main"_rs);
}
