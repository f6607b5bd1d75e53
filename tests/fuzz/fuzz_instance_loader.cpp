// libFuzzer entry point for the instance loader. Bad input must surface as
// makepack::InputError; any other exception, crash, sanitizer report or hang
// is a loader bug, so only InputError is caught here.
#include "model/instance_loader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const makepack::Instance instance = makepack::parse_instance(text, "fuzz.yaml");
        // Touch the derived look-ups a solver starts with, so a loader that
        // leaves them inconsistent fails here rather than in a solver.
        for (int p = 0; p < static_cast<int>(instance.products.size()); ++p)
            for (int r : instance.products[static_cast<std::size_t>(p)].eligible)
                if (instance.option(p, r) == nullptr) __builtin_trap();
    } catch (const makepack::InputError&) {
        // expected for bad input
    }
    return 0;
}
