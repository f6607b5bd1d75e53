// A small read-only YAML tree with 1-based positions, built from yaml-cpp's
// event parser, plus typed accessors that throw InputError naming the field.
//
// Why not YAML::Node: building yaml-cpp's node graph costs about twice the
// parse itself on bench/large.yaml (123k lines), its conversions throw
// BadConversion without the field path, and it silently accepts duplicate
// keys. This tree keeps every node's mark, rejects duplicate keys and
// recursive aliases, and converts numbers with std::from_chars.
#pragma once

#include "model/input_error.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace makepack::io {

struct Mark {
    int line = 0;    // 1-based; 0 = unknown
    int column = 0;  // 1-based; 0 = unknown
};

enum class Kind : std::uint8_t { Null, Scalar, Sequence, Map };

class Document;

// A view of one node of a Document; cheap to copy, valid while the Document lives.
class Node {
public:
    Node(const Document* doc, int index) : doc_(doc), index_(index) {}
    Kind kind() const;
    Mark mark() const;
    std::string_view scalar() const;  // "" unless kind() == Scalar
    bool is_null() const { return kind() == Kind::Null; }
    bool is_map() const { return kind() == Kind::Map; }
    bool is_sequence() const { return kind() == Kind::Sequence; }
    bool is_scalar() const { return kind() == Kind::Scalar; }
    // Items of a sequence, entries of a map (0 for scalars and nulls).
    std::size_t size() const;
    Node item(std::size_t i) const;   // sequence item
    Node key(std::size_t i) const;    // map entry key (a scalar once Field::expect_map passed)
    Node value(std::size_t i) const;  // map entry value
    std::optional<Node> find(std::string_view key) const;  // map value by key

private:
    const Document* doc_;
    int index_;
};

class Document {
public:
    // Parses the first YAML document of `text`; `file` names it in messages.
    // Throws InputError on malformed YAML (with yaml-cpp's position), on
    // duplicate or non-scalar map keys, and on recursive aliases.
    static Document parse(const std::string& text, const std::string& file);

    Node root() const { return Node(this, root_); }
    const std::string& file() const { return file_; }

private:
    friend class Node;
    friend class Builder;
    // Compact on purpose (bench/large.yaml has ~450k nodes): scalars live in
    // one text buffer, children in one index array.
    struct Data {
        Kind kind = Kind::Null;
        Mark mark;
        std::uint32_t begin = 0;  // scalar: offset in text_; container: offset in kids_
        std::uint32_t count = 0;  // scalar: length; sequence: items; map: 2 * entries (key, value, ...)
    };
    std::vector<Data> nodes_;
    std::string text_;
    std::vector<int> kids_;
    int root_ = 0;
    std::string file_;
};

// A node together with the field path that names it in messages, such as
// `skus[3].demand` or `calendar.M3.maintenance.every`.
struct Field {
    Node node;
    std::string path;
    const Document* doc;

    Mark mark() const { return node.mark(); }

    [[noreturn]] void fail(const std::string& message) const;
    // A missing child is reported at this (parent) node with the child's path.
    [[noreturn]] void fail_missing(std::string_view key) const;
    // A child that should not be there is reported at its key.
    [[noreturn]] void fail_key(std::string_view key, const std::string& message) const;

    // Shape checks. expect_map also rejects duplicate and non-scalar keys.
    const Field& expect_map() const;
    const Field& expect_sequence() const;
    // Rejects keys not in `allowed` (typos must not pass silently).
    void check_keys(std::initializer_list<std::string_view> allowed) const;

    // Children (the node must be a map / sequence).
    std::optional<Field> get(std::string_view key) const;            // absent or null -> nullopt
    std::optional<Field> get_raw(std::string_view key) const;        // absent -> nullopt; null kept
    Field require(std::string_view key) const;                       // absent or null -> error
    std::size_t size() const { return node.size(); }
    Field item(std::size_t i) const;
    Field entry_value(std::size_t i) const;  // value of map entry i, path `path.key`
    std::string entry_key(std::size_t i) const { return std::string(node.key(i).scalar()); }

    // Scalar conversions; errors name the path and show the offending text.
    std::string as_string() const;
    // An integer in [lo, hi]; a number with a fraction is rejected (MODEL.md 9.16).
    std::int64_t as_integer(std::int64_t lo, std::int64_t hi) const;
    int as_int(int lo, int hi) const { return static_cast<int>(as_integer(lo, hi)); }
    // A finite number in [lo, hi]; `lo_open` makes the lower bound exclusive.
    double as_number(double lo, double hi, bool lo_open = false) const;
    bool as_bool() const;
};

// The root field of a document (empty path).
Field root_field(const Document& doc);

// Where a field path such as `rows[3].start` or `frozen_until` stands in the
// document: the deepest node of the path that exists (unknown: {0, 0}). For
// messages of checks that run after loading, when only the path is known.
Mark locate(const Document& doc, const std::string& path);

// "a.b" / "b" when a is empty.
std::string join_path(const std::string& parent, std::string_view key);

// Shortest text of a double for messages ("10", "0.25", "1e+22"); never a
// narrowing cast, so any finite value is safe to show.
std::string number_text(double v);

// Error position from a 0-based yaml-cpp mark (negative = unknown -> 0).
Mark from_yaml_cpp(int line, int column);

}  // namespace makepack::io
