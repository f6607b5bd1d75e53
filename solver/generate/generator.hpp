// Random instance generator behind `makepack generate` (docs/generate.md):
// thesis-like plants (tables 4.5-4.11 and appendix A of the thesis seed) of any
// size, with demand scaled to a target utilisation of the bottleneck stage.
//
// Deterministic: the same options give the same bytes on every platform. The
// random numbers come from std::mt19937_64 (its output sequence is fixed by the
// C++ standard) through hand-written integer distributions (the std::
// distributions may differ between library versions); only +, -, *, / and
// rounding touch floating point, never a libm function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace makepack {

struct GeneratorOptions {
    int mixers = 6;
    int lines = 6;
    int pastes = 14;
    int skus = 32;
    int weeks = 4;              // horizon = 168 * weeks hours
    std::uint64_t seed = 1;
    double load = 0.85;         // target utilisation of the bottleneck stage
    double eligible = 1.0;      // chance that a product can run on a given resource of its stage
    std::optional<double> storage;  // F: totes = F x (all paste of the horizon held at once), see docs
    std::optional<int> max_hold;    // hours, on every paste
    bool due = false;           // due dates (soft, lateness weight 1)
    // Hard due dates (MODEL.md 5, 9.12), needs `due`: each SKU's due is hard
    // with chance F; F = 1 writes the instance-level `due_hard: true`.
    std::optional<double> due_hard;
    bool soft = false;          // demand_soft: unmet units are allowed and cost unmet_penalty each
    double unmet_penalty = 0.01;  // per unit; 100,000 unmet units cost 1000 (a few rows' downtime)
    bool matrix = false;        // sparse changeover matrices
    int outages = 0;            // random breakdowns / holidays / repairs
    // Scale the demand down by 5 % at a time (at most kMaxEnsureTries times)
    // until makepack's backward greedy finds a plan.
    bool ensure_feasible = false;
    std::string name = "generated";
    // Comment lines written at the top (without "# "), e.g. the command.
    std::vector<std::string> header;
};

// Limits checked by validate_generator_options (scale guard, loader limits).
inline constexpr int kMaxGenResources = 1000;
inline constexpr int kMaxGenPastes = 10000;
inline constexpr int kMaxGenSkus = 20000;
inline constexpr int kMaxGenMatrixProducts = 10000;  // the loader keeps a dense n x n matrix
inline constexpr int kMaxGenWeeks = 104;
inline constexpr int kMaxEnsureTries = 20;  // 0.95^20 = 0.36

// Empty when the options are usable; else what is wrong, for the user.
std::string validate_generator_options(const GeneratorOptions& options);

struct GeneratedInstance {
    std::string yaml;               // the instance file
    double demand_scale = 0;        // factor applied to the base demands
    double utilisation_mixers = 0;  // estimates with the final (rounded) demands
    double utilisation_lines = 0;
    std::string bottleneck;         // "mixers" or "lines"
    long long total_demand_units = 0;
    double total_paste_lbs = 0;
    int mixer_pairs = 0;            // changeover matrix pairs (0 without --matrix)
    int line_pairs = 0;
    int outages = 0;                // outages placed (may be fewer than asked if none fits)
    int totes = 0;                  // storage totes (0 without --storage)
    int skus_with_due = 0;
    int skus_due_hard = 0;          // SKUs whose due date is hard (--due-hard)
    int ensure_tries = 0;           // --ensure-feasible: times the demand was scaled by 0.95
    bool greedy_feasible = false;   // --ensure-feasible: the greedy found a plan
    std::string greedy_failure;     // --ensure-feasible: why not, after the last try
};

// Throws std::invalid_argument when validate_generator_options fails or the
// load cannot be reached (changeovers alone exceed it).
GeneratedInstance generate_instance(const GeneratorOptions& options);

// "12.35": two decimals, for the human-readable figures of the header and messages.
std::string two_decimals(double value);

}  // namespace makepack
