// The Gantt HTML page renders in a real browser: scripts/render-gantt.sh runs
// headless Chromium (Debian package `chromium`) on the page of an oakhill-6w
// schedule; the PNG must exist, be 1600x1000 and not be blank. Without
// Chromium the test fails (naming the package when CI is set).
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "solver/report/gantt_html.hpp"
#include "solver/solve/solve.hpp"
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace makepack {
namespace {

using namespace fixtures;


std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

// Decodes an 8-bit RGB/RGBA PNG with Python's zlib and prints
// "WIDTH HEIGHT DISTINCT_COLOURS NON_WHITE_PERCENT".
constexpr const char* kPixelScript = R"py(
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, width, height, depth, ctype = 8, b'', 0, 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b'IHDR':
        width, height, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + length
assert depth == 8 and ctype in (2, 6), 'unsupported PNG: depth %d colour type %d' % (depth, ctype)
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = width * bpp
prev = bytearray(stride)
colours, non_white, i = set(), 0, 0
for y in range(height):
    kind = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if kind == 1: line[x] = (line[x] + a) & 255
        elif kind == 2: line[x] = (line[x] + b) & 255
        elif kind == 3: line[x] = (line[x] + ((a + b) >> 1)) & 255
        elif kind == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 2 == 0:
        for x in range(0, stride, bpp * 2):
            px = bytes(line[x:x + 3])
            colours.add(px)
            if px != b'\xff\xff\xff': non_white += 1
samples = ((height + 1) // 2) * ((width + 1) // 2)
print(width, height, len(colours), round(100.0 * non_white / max(1, samples), 1))
)py";

// Chromium's drawing (not instrumented) is what this times: Release suite only;
// the page's writer runs under the sanitizers in the other report tests.
TEST_CASE("gantt render: headless Chromium draws the HTML page (scripts/render-gantt.sh)" *
          doctest::skip(kSanitizedBuild)) {
    const bool have_chromium = shell("command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1") == 0;
    if (!have_chromium) {
        if (std::getenv("CI") != nullptr)
            FAIL("chromium is not installed: the render test needs the Debian package 'chromium' "
                 "(apt-get install -y chromium; scripts/setup.sh --for test installs it)");
        else
            FAIL("chromium is not installed: run scripts/setup.sh --for test (or apt-get install -y chromium)");
        return;
    }
    TempDir dir;
    const Instance in = load_instance((kSource / "instances/oakhill-6w.yaml").string());
    SolveOptions options;
    options.greedy_only = true;
    options.threads = 1;
    const SolveOutcome outcome = solve_instance(in, options);
    REQUIRE(outcome.schedule.has_value());
    const fs::path html = dir.path / "6w.html";
    write_text(html, report::gantt_html(in, *outcome.schedule, check_schedule(in, *outcome.schedule).objective));
    const fs::path png = dir.path / "6w.png";
    const fs::path log = dir.path / "render.log";
    const int code = shell(quote((kSource / "scripts/render-gantt.sh").string()) + " " + quote(html.string()) + " " +
                           quote(png.string()) + " >" + quote(log.string()) + " 2>&1");
    INFO("render-gantt.sh: " << read_text(log));
    REQUIRE(code == 0);
    REQUIRE(fs::exists(png));
    const std::string bytes = read_text(png);
    REQUIRE(bytes.size() > 24);
    CHECK(bytes.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    CHECK(bytes.substr(12, 4) == "IHDR");
    CHECK(big_endian(bytes, 16) == 1600);
    CHECK(big_endian(bytes, 20) == 1000);
    // A chart full of coloured bars compresses far worse than a blank page (~10 KB).
    CHECK(bytes.size() > 60u * 1024);
    MESSAGE("PNG " << bytes.size() / 1024 << " KB");

    if (shell("command -v python3 >/dev/null 2>&1") != 0) {
        MESSAGE("python3 not installed: the pixel check is skipped (size checked only)");
        return;
    }
    const fs::path script = dir.path / "pixels.py";
    write_text(script, kPixelScript);
    const fs::path result = dir.path / "pixels.txt";
    REQUIRE(shell("python3 " + quote(script.string()) + " " + quote(png.string()) + " >" + quote(result.string()) +
                  " 2>&1") == 0);
    std::istringstream in_result(read_text(result));
    int width = 0, height = 0, colours = 0;
    double non_white = 0;
    in_result >> width >> height >> colours >> non_white;
    INFO("pixels: " << read_text(result));
    CHECK(width == 1600);
    CHECK(height == 1000);
    CHECK(colours >= 30);      // many paste shades, not one flat colour
    CHECK(non_white >= 10.0);  // bars cover a good part of the page
}

}  // namespace
}  // namespace makepack
