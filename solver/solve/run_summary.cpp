#include "solver/solve/run_summary.hpp"

#include "model/kpi.hpp"
#include "solver/cli/cli_common.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace makepack {
namespace {

// Shortest text that reads back as the same double; null for NaN and infinities.
std::string json_number(double v) {
    if (!std::isfinite(v)) return "null";
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, p) : std::string("null");
}

// The one JSON string escaper of the project (RFC 8259: quote, backslash, controls).
std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string optional_number(const std::optional<double>& v) { return v ? json_number(*v) : "null"; }

// Components in MODEL.md 7 order, unweighted (as a schedule states them, MODEL.md 9.11).
constexpr const char* kComponents[] = {"downtime", "changeover", "lateness", "unmet", "holding", "overproduction", "changes"};

double* component_ref(ObjectiveBreakdown& o, std::string_view name) {
    if (name == "downtime") return &o.downtime;
    if (name == "changeover") return &o.changeover;
    if (name == "lateness") return &o.lateness;
    if (name == "unmet") return &o.unmet;
    if (name == "holding") return &o.holding;
    if (name == "overproduction") return &o.overproduction;
    if (name == "changes") return &o.changes;
    if (name == "total") return &o.total;
    return nullptr;
}

double component_of(const ObjectiveBreakdown& o, std::string_view name) {
    return *component_ref(const_cast<ObjectiveBreakdown&>(o), name);
}

}  // namespace

std::string exact_number_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string instance_file_hash(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "";
    std::uint64_t h = 14695981039346656037ull;
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        for (std::streamsize i = 0; i < in.gcount(); ++i) {
            h ^= static_cast<unsigned char>(buf[i]);
            h *= 1099511628211ull;
        }
        if (!in) break;
    }
    char text[32];
    std::snprintf(text, sizeof text, "fnv1a64:%016llx", static_cast<unsigned long long>(h));
    return text;
}

RunFacts run_facts(const SolveOutcome& outcome, unsigned seed, const std::string& instance_path) {
    RunFacts facts;
    if (outcome.schedule || outcome.partial) facts.time_to_first = outcome.greedy_seconds;
    facts.iterations = outcome.iterations;
    facts.threads = outcome.threads;
    facts.seed = seed;
    facts.version = cli::kVersion;
    facts.instance_hash = instance_file_hash(instance_path);
    return facts;
}

std::string run_summary_json(const RunSummary& s) {
    const RunFacts& f = s.facts;
    std::string out = "{\n";
    auto field = [&out](const char* key, const std::string& value, bool last = false) {
        out += "  " + json_string(key) + ": " + value + (last ? "\n" : ",\n");
    };
    field("status", json_string(s.status));
    field("instance", json_string(s.instance));
    field("instance_file", json_string(s.instance_file));
    field("instance_hash", json_string(f.instance_hash));
    if (f.objective) {
        std::string obj = "{";
        obj += json_string("total");
        obj += ": ";
        obj += json_number(f.objective->total);
        for (const char* name : kComponents) {
            obj += ", ";
            obj += json_string(name);
            obj += ": ";
            obj += json_number(component_of(*f.objective, name));
        }
        obj += "}";
        field("objective", obj);
    } else {
        field("objective", "null");
    }
    field("bound", optional_number(s.bound));
    field("gap_percent", f.objective && s.bound ? json_number(gap_percent(f.objective->total, *s.bound)) : "null");
    field("time_to_first", optional_number(f.time_to_first));
    field("time_to_best", optional_number(s.time_to_best));
    field("seconds", json_number(s.seconds));
    field("time_limit", json_number(s.time_limit));
    field("iterations", std::to_string(f.iterations));
    field("threads", std::to_string(f.threads));
    field("seed", std::to_string(f.seed));
    field("method", json_string(s.method));
    field("message", json_string(s.message));
    field("version", json_string(f.version), true);
    return out + "}\n";
}

std::string run_facts_csv_header() {
    std::string text = ",time_to_first,iterations,threads,seed,version,instance_hash";
    for (const char* name : kComponents) text += std::string(",objective_") + name;
    return text;
}

std::string run_facts_csv(const RunFacts& f) {
    char buf[64];
    std::string text = ",";
    if (f.time_to_first) {
        std::snprintf(buf, sizeof buf, "%.3f", *f.time_to_first);
        text += buf;
    }
    for (const std::string& value : {std::to_string(f.iterations), std::to_string(f.threads), std::to_string(f.seed), f.version,
                                     f.instance_hash}) {
        text += ',';
        text += value;
    }
    for (const char* name : kComponents) {
        text += ",";
        if (f.objective) {
            std::snprintf(buf, sizeof buf, "%.4f", component_of(*f.objective, name));
            text += buf;
        }
    }
    return text;
}

std::string run_facts_lines(const RunFacts& f) {
    std::string text;
    auto put = [&text](const std::string& key, const std::string& value) { text += key + "\t" + value + "\n"; };
    if (f.time_to_first) put("time_to_first", exact_number_text(*f.time_to_first));
    put("iterations", std::to_string(f.iterations));
    put("threads", std::to_string(f.threads));
    put("seed", std::to_string(f.seed));
    put("version", f.version);
    put("instance_hash", f.instance_hash);
    if (f.objective) {
        put("objective.total", exact_number_text(f.objective->total));
        for (const char* name : kComponents) put(std::string("objective.") + name, exact_number_text(component_of(*f.objective, name)));
    }
    return text;
}

bool read_run_fact(RunFacts& f, std::string_view key, const std::string& value) {
    if (key == "time_to_first") f.time_to_first = std::stod(value);
    else if (key == "iterations") f.iterations = std::stoll(value);
    else if (key == "threads") f.threads = static_cast<unsigned>(std::stoul(value));
    else if (key == "seed") f.seed = static_cast<unsigned>(std::stoul(value));
    else if (key == "version") f.version = value;
    else if (key == "instance_hash") f.instance_hash = value;
    else if (key.substr(0, 10) == "objective.") {
        if (!f.objective) f.objective.emplace();
        double* slot = component_ref(*f.objective, key.substr(10));
        if (!slot) return false;
        *slot = std::stod(value);
    } else {
        return false;
    }
    return true;
}

}  // namespace makepack
