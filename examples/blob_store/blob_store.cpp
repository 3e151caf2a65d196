// The C++ side: an in-memory blob store.
#include <cstdio>
#include <map>
#include <vector>

#include "generated.h"

using rust::crate::BlobMetadata;
using rust::crate::Nothing;
using rust::crate::Stamp;
using rust::std::string::String;

namespace {

struct Blob {
  size_t size;
  std::vector<String> tags;
};

class MemoryBlobStore : public rust::crate::BlobStore {
 public:
  ~MemoryBlobStore() override {
    std::printf("c++: store with %zu blobs destroyed\n", blobs.size());
    std::fflush(stdout);  // before Rust's next (unbuffered) line
  }

  uint64_t put(rust::Ref<rust::Slice<uint8_t>> data) override {
    uint64_t id = next_id++;
    blobs[id] = Blob{data.len(), {}};
    return id;
  }

  rust::Unit tag(uint64_t id, rust::Ref<rust::Str> tag) override {
    blobs.at(id).tags.push_back(tag.to_owned());
    return {};
  }

  // `at` throws std::out_of_range for an unknown id.
  BlobMetadata metadata(uint64_t id) override {
    const Blob& blob = blobs.at(id);
    BlobMetadata m = BlobMetadata::default_();
    m.set_size(blob.size);
    for (const String& tag : blob.tags) m.push_tag(tag.as_str());
    return m;
  }

  Stamp stamp(uint64_t id) override {
    return Stamp(static_cast<uint32_t>(id), 1, static_cast<uint32_t>(blobs.at(id).tags.size()));
  }

  Nothing check(Stamp stamp) override {
    std::printf("c++: checked a stamp of count %u\n", uint32_t(stamp.count));
    std::fflush(stdout);
    return Nothing();
  }

 private:
  std::map<uint64_t, Blob> blobs;
  uint64_t next_id = 1;
};

}  // namespace

rust::Box<rust::Dyn<rust::crate::BlobStore>> rust::exported_functions::new_blob_store_client() {
  return rust::Box<rust::Dyn<rust::crate::BlobStore>>::make_box<MemoryBlobStore>();
}

Stamp rust::exported_functions::make_stamp(uint32_t id) { return Stamp(id, 2, 40); }

uint32_t rust::exported_functions::stamp_count(Stamp stamp) { return stamp.count; }

rust::Box<rust::Dyn<rust::Fn<uint32_t, Stamp>>> rust::exported_functions::stamper(uint32_t kind) {
  return rust::Box<rust::Dyn<rust::Fn<uint32_t, Stamp>>>::make_box(
      [kind](uint32_t id) { return Stamp(id, kind, id * 10); });
}

Nothing rust::exported_functions::nothing() { return Nothing(); }
