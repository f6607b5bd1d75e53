// The instance generator (solver/generate/generator.hpp) and `makepack generate`:
// determinism, the scale knobs, every option loads, the shipped generated set
// regenerates byte for byte.
#include <doctest/doctest.h>

#include "model/instance.hpp"
#include "model/instance_loader.hpp"
#include "solver/generate/generator.hpp"
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace makepack;
using namespace makepack::fixtures;

namespace {


std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string word; in >> word;) words.push_back(word);
    return words;
}

GeneratorOptions thesis_size(std::uint64_t seed) {
    GeneratorOptions o;
    o.seed = seed;
    o.name = "t";
    return o;
}

}  // namespace

TEST_CASE("generate: the same options and seed give the same bytes, another seed other bytes") {
    GeneratorOptions o = thesis_size(11);
    o.storage = 0.5;
    o.max_hold = 168;
    o.due = true;
    o.matrix = true;
    o.outages = 3;
    o.eligible = 0.7;
    const std::string a = generate_instance(o).yaml;
    const std::string b = generate_instance(o).yaml;
    CHECK(a == b);
    o.seed = 12;
    CHECK(generate_instance(o).yaml != a);
}

TEST_CASE("generate: --due, --matrix, --storage do not change the plant or the demand of a seed") {
    GeneratorOptions plain = thesis_size(5);
    GeneratorOptions rich = plain;
    rich.due = true;
    rich.matrix = true;
    rich.storage = 0.3;
    const Instance x = parse_instance(generate_instance(plain).yaml, "plain");
    const Instance y = parse_instance(generate_instance(rich).yaml, "rich");
    REQUIRE(x.products.size() == y.products.size());
    for (std::size_t p = 0; p < x.products.size(); ++p) {
        CHECK(x.products[p].demand == y.products[p].demand);
        CHECK(x.products[p].eligible == y.products[p].eligible);
    }
}

TEST_CASE("generate: the scale knobs are respected and every product is eligible somewhere") {
    struct Size { int mixers, lines, pastes, skus, weeks; double eligible; };
    for (const Size size : {Size{6, 6, 14, 32, 4, 1.0}, Size{1, 1, 1, 1, 1, 1.0}, Size{3, 9, 20, 20, 2, 0.2},
                            Size{12, 12, 70, 160, 6, 0.7}, Size{7, 4, 5, 60, 3, 0.01}}) {
        CAPTURE(size.mixers);
        CAPTURE(size.skus);
        GeneratorOptions o = thesis_size(3);
        o.mixers = size.mixers;
        o.lines = size.lines;
        o.pastes = size.pastes;
        o.skus = size.skus;
        o.weeks = size.weeks;
        o.eligible = size.eligible;
        o.load = 0.5;
        const GeneratedInstance g = generate_instance(o);
        const Instance inst = parse_instance(g.yaml, "knobs");
        CHECK(inst.num_mixers == size.mixers);
        CHECK(inst.num_lines() == size.lines);
        CHECK(inst.num_pastes == size.pastes);
        CHECK(inst.num_skus() == size.skus);
        CHECK(inst.horizon == 168 * size.weeks);
        for (const Product& product : inst.products) {
            CHECK(!product.eligible.empty());
            if (product.stage == Stage::Mixer) CHECK(!product.skus.empty());  // every paste fills a SKU
            else CHECK(product.demand > 0);
        }
        // The estimate of the bottleneck stage is the target (demand rounding aside).
        CHECK(std::max(g.utilisation_mixers, g.utilisation_lines) == doctest::Approx(0.5).epsilon(0.05));
    }
}

TEST_CASE("generate: every option loads and shows in the instance") {
    GeneratorOptions o = thesis_size(21);
    o.mixers = 8;
    o.lines = 10;
    o.pastes = 30;
    o.skus = 90;
    o.weeks = 5;
    o.eligible = 0.6;
    o.storage = 0.4;
    o.max_hold = 200;
    o.due = true;
    o.matrix = true;
    o.outages = 6;
    const GeneratedInstance g = generate_instance(o);
    const Instance inst = parse_instance(g.yaml, "options");
    REQUIRE(inst.storage.has_value());
    CHECK(inst.storage->totes == g.totes);
    CHECK(inst.storage->tote_capacity == 2000);
    CHECK(inst.weights.lateness == 1);
    int outages = 0, with_since_last = 0;
    for (const Resource& r : inst.resources) {
        outages += static_cast<int>(r.calendar.outages.size());
        REQUIRE(r.calendar.maintenance.has_value());
        REQUIRE(r.calendar.spare.has_value());
        CHECK(r.calendar.spare->duration == 14);
        if (r.calendar.maintenance->since_last > 0) ++with_since_last;
        CHECK(r.calendar.breaks.has_value() == (r.stage == Stage::Line));
    }
    CHECK(outages == 6);
    CHECK(g.outages == 6);
    CHECK(with_since_last >= static_cast<int>(inst.resources.size()) - 2);  // varied per resource
    for (const Product& p : inst.products) {
        if (p.stage == Stage::Mixer) {
            CHECK(p.max_hold == 200);
        } else {
            REQUIRE(p.due.has_value());
            CHECK(*p.due >= inst.horizon / 4);
            CHECK(*p.due <= inst.horizon);
        }
    }
    CHECK(g.skus_with_due == 90);
    CHECK(!inst.mixer_changeover.hours.empty());
    CHECK(!inst.line_changeover.hours.empty());
    CHECK(g.mixer_pairs > 0);
    CHECK(g.line_pairs >= 90);  // at least the self pair of each SKU
    CHECK(inst.mixer_changeover.default_hours == 6);
    CHECK(inst.line_changeover.default_hours == 6);
}

TEST_CASE("generate: any printable name survives the YAML") {
    for (const std::string name : {"plant-7", "my plant: #1, \"quoted\" \\ [x]", "true", "123", "-x", "a.b"}) {
        GeneratorOptions o = thesis_size(2);
        o.name = name;
        CHECK(parse_instance(generate_instance(o).yaml, "named").name == name);
    }
    GeneratorOptions o = thesis_size(2);
    o.name = "two\nlines";
    CHECK(!validate_generator_options(o).empty());
}

TEST_CASE("generate: bad options are refused") {
    GeneratorOptions o = thesis_size(1);
    o.skus = 10;  // fewer SKUs than pastes
    CHECK(!validate_generator_options(o).empty());
    CHECK_THROWS_AS(generate_instance(o), std::invalid_argument);
    o = thesis_size(1);
    o.load = 0;
    CHECK(!validate_generator_options(o).empty());
    o = thesis_size(1);
    o.eligible = 1.5;
    CHECK(!validate_generator_options(o).empty());
    o = thesis_size(1);
    o.mixers = 0;
    CHECK(!validate_generator_options(o).empty());
    // A load the changeovers alone exceed: 2000 SKUs on one line for a week.
    o = thesis_size(1);
    o.lines = 1;
    o.weeks = 1;
    o.skus = 2000;
    o.load = 0.5;
    CHECK_THROWS_AS(generate_instance(o), std::invalid_argument);
}

TEST_CASE("generate: the largest size (40 mixers, 60 lines, 400 pastes, 2000 SKUs, 13 weeks) generates and loads") {
    GeneratorOptions o = thesis_size(4);
    o.mixers = 40;
    o.lines = 60;
    o.pastes = 400;
    o.skus = 2000;
    o.weeks = 13;
    o.eligible = 0.5;
    o.matrix = true;
    o.outages = 12;
    o.due = true;
    o.storage = 0.5;
    const auto started = std::chrono::steady_clock::now();
    const GeneratedInstance g = generate_instance(o);
    const Instance inst = parse_instance(g.yaml, "xl");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(inst.num_skus() == 2000);
    CHECK(inst.horizon == 2184);
    CHECK(seconds < 60);  // about 0.5 s in a Release build; generous for sanitizer builds
}

TEST_CASE("generate: --ensure-feasible gives an instance the greedy plans") {
    GeneratorOptions o = thesis_size(1);
    o.load = 0.9;
    o.ensure_feasible = true;
    const GeneratedInstance g = generate_instance(o);
    CHECK(g.greedy_feasible);
    if (g.ensure_tries > 0) CHECK(g.yaml.find("--ensure-feasible") != std::string::npos);
}

TEST_CASE("cli: generate writes the same bytes twice, records the command, and refuses bad usage") {
    TempDir dir;
    const std::vector<std::string> args{"generate", "--mixers", "5",       "--lines", "4",      "--pastes",
                                        "9",        "--skus",   "25",      "--weeks", "3",      "--seed",
                                        "77",       "--load",   "0.8",     "--due",   "--matrix", "--storage",
                                        "0.5",      "--outages", "2",      "-o",      "a.yaml"};
    const Run first = run_makepack(dir.path, args);
    CHECK_EXIT(first, 0);
    const std::string a = read_text(dir.path / "a.yaml");
    const Run second = run_makepack(dir.path, args);
    CHECK_EXIT(second, 0);
    CHECK(read_text(dir.path / "a.yaml") == a);
    CHECK(a.rfind("# generated by makepack generate --mixers 5 --lines 4 --pastes 9 --skus 25 --weeks 3 --seed 77 "
                  "--load 0.8 --storage 0.5 --due --matrix --outages 2 -o a.yaml\n",
                  0) == 0);
    CHECK(a.find("\nname: a\n") != std::string::npos);
    CHECK(a.find("# estimated utilisation: mixers ") != std::string::npos);
    CHECK_NOTHROW(load_instance((dir.path / "a.yaml").string()));
    // No temporary files left beside it.
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir.path))
        if (entry.path().filename().string()[0] != '.' || entry.path().filename().string().find(".tmp") != std::string::npos)
            ++files;
    CHECK(files == 1);

    // stdout
    const Run to_stdout = run_makepack(dir.path, {"generate", "--seed", "3", "-o", "-", "--quiet"});
    CHECK_EXIT(to_stdout, 0);
    CHECK(to_stdout.out.find("\nname: generated\n") != std::string::npos);
    CHECK(to_stdout.err.empty());

    // Usage errors: exit 2, nothing written.
    CHECK_EXIT(run_makepack(dir.path, {"generate", "--pastes", "40", "--skus", "20", "-o", "b.yaml"}), 2);
    CHECK_EXIT(run_makepack(dir.path, {"generate", "--seed", "-1", "-o", "b.yaml"}), 2);
    CHECK_EXIT(run_makepack(dir.path, {"generate", "--seed", "4"}), 2);
    CHECK_EXIT(run_makepack(dir.path, {"generate", "--load", "2", "-o", "b.yaml"}), 2);
    CHECK_EXIT(run_makepack(dir.path, {"generate", "-o", "missing/dir/b.yaml"}), 2);
    CHECK(!fs::exists(dir.path / "b.yaml"));
    const Run help = run_makepack(dir.path, {"generate", "--help"});
    CHECK_EXIT(help, 0);
    CHECK(help.out.find("Examples:") != std::string::npos);
}

TEST_CASE("generate: instances/generated/*.yaml regenerate byte for byte from their header commands") {
    const fs::path set = kSource / "instances" / "generated";
    if (!fs::is_directory(set)) return;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(set))
        // Sanitizer builds: the files up to 256 KiB (the megabyte ones repeat the same code paths).
        if (entry.path().extension() == ".yaml" && (!fixtures::kSanitizedBuild || entry.file_size() <= 256 * 1024))
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    CHECK(!files.empty());
    TempDir dir;
    fs::create_directories(dir.path / "instances" / "generated");
    for (const fs::path& file : files) {
        CAPTURE(file);
        const std::string text = read_text(file);
        const std::string prefix = "# generated by makepack ";
        REQUIRE(text.rfind(prefix, 0) == 0);
        const std::vector<std::string> args = split_words(text.substr(prefix.size(), text.find('\n') - prefix.size()));
        REQUIRE(args.size() > 2);
        CHECK(args[args.size() - 1] == "instances/generated/" + file.filename().string());
        std::vector<std::string> run_args = args;
        run_args.push_back("--quiet");
        CHECK_EXIT(run_makepack(dir.path, run_args), 0);
        CHECK(read_text(dir.path / "instances" / "generated" / file.filename()) == text);
        CHECK_NOTHROW(load_instance(file.string()));
    }
}

TEST_CASE("generate: --due-hard makes due dates hard (instance default or per SKU) without moving the others") {
    GeneratorOptions o = thesis_size(31);
    o.due = true;
    o.outages = 3;
    const Instance plain = parse_instance(generate_instance(o).yaml, "plain");
    for (const double f : {1.0, 0.7, 0.3}) {
        CAPTURE(f);
        o.due_hard = f;
        const GeneratedInstance g = generate_instance(o);
        const Instance inst = parse_instance(g.yaml, "hard");
        // The shorter file form: instance default at F >= 0.5, per SKU below.
        CHECK((g.yaml.find("\ndue_hard: true\n") != std::string::npos) == (f >= 0.5));
        CHECK((g.yaml.find("due_hard: false") != std::string::npos) == (f >= 0.5 && g.skus_due_hard < inst.num_skus()));
        int hard = 0;
        for (int s = inst.num_pastes; s < static_cast<int>(inst.products.size()); ++s) {
            const Product& sku = inst.products[static_cast<std::size_t>(s)];
            REQUIRE(sku.due.has_value());
            hard += sku.due_hard;
            if (!sku.due_hard) CHECK(sku.due == plain.products[static_cast<std::size_t>(s)].due);
            CHECK(sku.demand == plain.products[static_cast<std::size_t>(s)].demand);
            CHECK(inst.deadline(s) == (sku.due_hard ? *sku.due : inst.horizon));
        }
        CHECK(hard == g.skus_due_hard);
        if (f == 1.0) CHECK(hard == inst.num_skus());
        else CHECK((hard > 0 && hard < inst.num_skus()));
    }
    o.due = false;  // --due-hard needs --due
    CHECK(!validate_generator_options(o).empty());
    o.due = true;
    o.due_hard = 0;
    CHECK(!validate_generator_options(o).empty());
}

TEST_CASE("generate: --soft writes demand_soft and unmet_penalty, loads beyond capacity, keeps the plant") {
    GeneratorOptions o = thesis_size(41);
    o.load = 1.3;
    const std::string hard_text = generate_instance(o).yaml;
    o.soft = true;
    o.unmet_penalty = 0.05;
    const GeneratedInstance g = generate_instance(o);
    CHECK(g.yaml.find("\ndemand_soft: true\nunmet_penalty: 0.05\n") != std::string::npos);
    const Instance inst = parse_instance(g.yaml, "soft");  // no capacity check on soft demand
    CHECK(inst.demand_soft);
    CHECK(inst.weights.unmet == doctest::Approx(0.05));
    // Only those two lines differ from the hard instance.
    std::string stripped = g.yaml;
    stripped.erase(stripped.find("demand_soft: true\n"), std::string("demand_soft: true\nunmet_penalty: 0.05\n").size());
    CHECK(stripped == hard_text);
    o.unmet_penalty = 0;
    CHECK(!validate_generator_options(o).empty());
}

TEST_CASE("cli: generate --soft --due-hard records them in the command; --unmet-penalty needs --soft") {
    TempDir dir;
    const Run run = run_makepack(dir.path, {"generate", "--seed", "5", "--load", "1.2", "--due", "--due-hard", "0.4",
                                            "--soft", "-o", "s.yaml", "--quiet"});
    CHECK_EXIT(run, 0);
    const std::string text = read_text(dir.path / "s.yaml");
    CHECK(text.rfind("# generated by makepack generate --mixers 6 --lines 6 --pastes 14 --skus 32 --weeks 4 --seed 5 "
                     "--load 1.2 --due --due-hard 0.4 --soft --unmet-penalty 0.01 -o s.yaml\n",
                     0) == 0);
    const Instance inst = load_instance((dir.path / "s.yaml").string());
    CHECK(inst.demand_soft);
    CHECK_EXIT(run_makepack(dir.path, {"generate", "--unmet-penalty", "2", "-o", "t.yaml"}), 2);
    CHECK_EXIT(run_makepack(dir.path, {"generate", "--due-hard", "0.5", "-o", "t.yaml"}), 2);
    CHECK(!fs::exists(dir.path / "t.yaml"));
    const Run help = run_makepack(dir.path, {"generate", "--help"});
    CHECK(help.out.find("--due-hard") != std::string::npos);
    CHECK(help.out.find("--soft") != std::string::npos);
}
