#include "model/io_yaml.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <unordered_map>

namespace makepack::io {

// ---------------------------------------------------------------------------
// Tree access

Kind Node::kind() const { return doc_->nodes_[static_cast<std::size_t>(index_)].kind; }
Mark Node::mark() const { return doc_->nodes_[static_cast<std::size_t>(index_)].mark; }

std::string_view Node::scalar() const {
    const auto& d = doc_->nodes_[static_cast<std::size_t>(index_)];
    if (d.kind != Kind::Scalar) return {};
    return std::string_view(doc_->text_).substr(d.begin, d.count);
}

std::size_t Node::size() const {
    const auto& d = doc_->nodes_[static_cast<std::size_t>(index_)];
    if (d.kind == Kind::Sequence) return d.count;
    if (d.kind == Kind::Map) return d.count / 2;
    return 0;
}

Node Node::item(std::size_t i) const {
    const auto& d = doc_->nodes_[static_cast<std::size_t>(index_)];
    return Node(doc_, doc_->kids_[d.begin + i]);
}
Node Node::key(std::size_t i) const {
    const auto& d = doc_->nodes_[static_cast<std::size_t>(index_)];
    return Node(doc_, doc_->kids_[d.begin + 2 * i]);
}
Node Node::value(std::size_t i) const {
    const auto& d = doc_->nodes_[static_cast<std::size_t>(index_)];
    return Node(doc_, doc_->kids_[d.begin + 2 * i + 1]);
}

std::optional<Node> Node::find(std::string_view k) const {
    if (kind() != Kind::Map) return std::nullopt;
    for (std::size_t i = 0, n = size(); i < n; ++i) {
        Node kn = key(i);
        if (kn.kind() == Kind::Scalar && kn.scalar() == k) return value(i);
    }
    return std::nullopt;
}

Mark from_yaml_cpp(int line, int column) {
    if (line < 0 || column < 0) return {};
    return {line + 1, column + 1};
}

// ---------------------------------------------------------------------------
// Building the tree from yaml-cpp events

class Builder : public YAML::EventHandler {
public:
    explicit Builder(Document& doc) : doc_(doc) {}

    bool has_root() const { return has_root_; }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        attach(add(Kind::Null, mark), anchor);
    }

    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  const std::string& value) override {
        const int index = add(Kind::Scalar, mark);
        auto& d = doc_.nodes_[static_cast<std::size_t>(index)];
        d.begin = checked_u32(doc_.text_.size(), mark);
        d.count = checked_u32(value.size(), mark);
        doc_.text_ += value;
        attach(index, anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto it = anchors_.find(anchor);
        if (it == anchors_.end())  // yaml-cpp rejects unknown anchors itself; be safe anyway
            throw InputError(doc_.file_, from_yaml_cpp(mark.line, mark.column).line,
                             from_yaml_cpp(mark.line, mark.column).column, "", "unknown alias");
        // An alias of a node still open would make the tree cyclic.
        if (std::find(open_.begin(), open_.end(), it->second) != open_.end()) {
            const Mark m = from_yaml_cpp(mark.line, mark.column);
            throw InputError(doc_.file_, m.line, m.column, "", "recursive alias (a node containing itself)");
        }
        append_child(it->second);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open_container(add(Kind::Sequence, mark), anchor);
    }
    void OnSequenceEnd() override { close_container(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open_container(add(Kind::Map, mark), anchor);
    }
    void OnMapEnd() override { close_container(); }

private:
    std::uint32_t checked_u32(std::size_t v, const YAML::Mark& mark) const {
        if (v > std::numeric_limits<std::uint32_t>::max()) {
            const Mark m = from_yaml_cpp(mark.line, mark.column);
            throw InputError(doc_.file_, m.line, m.column, "", "document too large");
        }
        return static_cast<std::uint32_t>(v);
    }

    int add(Kind kind, const YAML::Mark& mark) {
        Document::Data d;
        d.kind = kind;
        d.mark = from_yaml_cpp(mark.line, mark.column);
        doc_.nodes_.push_back(d);
        return static_cast<int>(doc_.nodes_.size() - 1);
    }

    // A finished node joins its parent (or becomes the root).
    void attach(int index, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor) anchors_[anchor] = index;
        append_child(index);
    }

    void append_child(int index) {
        if (pending_.empty()) {
            if (!has_root_) {
                doc_.root_ = index;
                has_root_ = true;
            }
            return;
        }
        pending_.back().push_back(index);
    }

    // Children of open containers wait in `pending_` (one reusable vector per
    // depth) and move to the flat kids_ array when the container closes.
    void open_container(int index, YAML::anchor_t anchor) {
        // The anchor is known from here on, so an alias inside is recursive.
        if (anchor != YAML::NullAnchor) anchors_[anchor] = index;
        open_.push_back(index);
        if (!spare_.empty()) {
            pending_.push_back(std::move(spare_.back()));
            spare_.pop_back();
        } else {
            pending_.emplace_back();
        }
    }

    void close_container() {
        const int index = open_.back();
        std::vector<int>& kids = pending_.back();
        auto& d = doc_.nodes_[static_cast<std::size_t>(index)];
        d.begin = static_cast<std::uint32_t>(doc_.kids_.size());
        d.count = static_cast<std::uint32_t>(kids.size());
        doc_.kids_.insert(doc_.kids_.end(), kids.begin(), kids.end());
        kids.clear();
        spare_.push_back(std::move(kids));
        pending_.pop_back();
        open_.pop_back();
        append_child(index);
    }

    Document& doc_;
    bool has_root_ = false;
    std::vector<int> open_;                   // indices of open containers, outermost first
    std::vector<std::vector<int>> pending_;   // children collected per open container
    std::vector<std::vector<int>> spare_;     // cleared vectors kept for reuse
    std::unordered_map<YAML::anchor_t, int> anchors_;
};

namespace {
// Records where a document's first node is, and nothing else.
class FirstMark : public YAML::EventHandler {
public:
    bool seen = false;
    Mark mark;
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& m, YAML::anchor_t) override { note(m); }
    void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { note(m); }
    void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { note(m); }
    void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        note(m);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        note(m);
    }
    void OnMapEnd() override {}

private:
    void note(const YAML::Mark& m) {
        if (seen) return;
        seen = true;
        mark = from_yaml_cpp(m.line, m.column);
    }
};
}  // namespace

Document Document::parse(const std::string& text, const std::string& file) {
    Document doc;
    doc.file_ = file;
    doc.nodes_.reserve(text.size() / 8 + 16);
    doc.text_.reserve(text.size() / 2 + 16);
    try {
        std::istringstream in(text);
        YAML::Parser parser(in);
        Builder builder(doc);
        parser.HandleNextDocument(builder);
        // A second document (`---`) is most likely two files pasted together;
        // silently reading only the first would hide half of the data.
        FirstMark second;
        if (parser.HandleNextDocument(second) && second.seen) {
            throw InputError(file, second.mark.line, second.mark.column, "",
                             "more than one YAML document (only one instance per file)");
        }
        if (!builder.has_root()) {
            // Empty input: a single null root, reported at the start of the file.
            Data empty;
            empty.mark = {1, 1};
            doc.nodes_.push_back(empty);
            doc.root_ = static_cast<int>(doc.nodes_.size() - 1);
        }
    } catch (const InputError&) {
        throw;
    } catch (const YAML::DeepRecursion& e) {
        // yaml-cpp reports this as "bad file"; say what is wrong.
        const Mark m = from_yaml_cpp(e.mark.line, e.mark.column);
        throw InputError(file, m.line, m.column, "", "malformed YAML: nesting too deep");
    } catch (const YAML::Exception& e) {
        const Mark m = from_yaml_cpp(e.mark.line, e.mark.column);
        throw InputError(file, m.line, m.column, "", "malformed YAML: " + e.msg);
    } catch (const std::bad_alloc&) {
        throw InputError(file, 0, 0, "", "out of memory while reading YAML");
    } catch (const std::exception& e) {
        throw InputError(file, 0, 0, "", std::string("malformed YAML: ") + e.what());
    }
    return doc;
}

// ---------------------------------------------------------------------------
// Fields

std::string join_path(const std::string& parent, std::string_view key) {
    if (parent.empty()) return std::string(key);
    std::string out;
    out.reserve(parent.size() + 1 + key.size());
    out += parent;
    out += '.';
    out += key;
    return out;
}

Field root_field(const Document& doc) { return Field{doc.root(), "", &doc}; }

Mark locate(const Document& doc, const std::string& path) {
    Node node = doc.root();
    Mark found;
    std::size_t at = 0;
    while (at < path.size()) {
        if (path[at] == '.') ++at;
        if (path[at] == '[') {
            const std::size_t close = path.find(']', at);
            if (close == std::string::npos || !node.is_sequence()) break;
            std::size_t index = 0;
            for (std::size_t k = at + 1; k < close; ++k) {
                if (path[k] < '0' || path[k] > '9') return found;
                index = index * 10 + static_cast<std::size_t>(path[k] - '0');
            }
            if (index >= node.size()) break;
            node = node.item(index);
            at = close + 1;
        } else {
            const std::size_t end = std::min(path.find('.', at), path.find('[', at));
            if (!node.is_map()) break;
            const std::optional<Node> child = node.find(std::string_view(path).substr(at, end - at));
            if (!child) break;
            node = *child;
            at = end == std::string::npos ? path.size() : end;
        }
        found = node.mark();
    }
    return found;
}

void Field::fail(const std::string& message) const {
    const Mark m = mark();
    throw InputError(doc->file(), m.line, m.column, path, message);
}

void Field::fail_missing(std::string_view key) const {
    const Mark m = mark();
    throw InputError(doc->file(), m.line, m.column, join_path(path, key), "missing required field");
}

void Field::fail_key(std::string_view key, const std::string& message) const {
    Mark m = mark();
    for (std::size_t i = 0, n = node.size(); i < n && node.is_map(); ++i)
        if (node.key(i).scalar() == key) {
            m = node.key(i).mark();
            break;
        }
    throw InputError(doc->file(), m.line, m.column, join_path(path, key), message);
}

namespace {
const char* kind_name(Kind kind) {
    switch (kind) {
        case Kind::Null: return "nothing";
        case Kind::Scalar: return "a scalar";
        case Kind::Sequence: return "a list";
        case Kind::Map: return "a map";
    }
    return "?";
}

// Shows the offending text in messages, shortened.
std::string quoted(std::string_view text) {
    constexpr std::size_t kMax = 40;
    std::string out = "'";
    out += text.substr(0, kMax);
    if (text.size() > kMax) out += "...";
    out += "'";
    return out;
}

std::string_view strip_plus(std::string_view s) {
    // YAML allows "+5"; from_chars does not.
    if (s.size() > 1 && s[0] == '+' && s[1] != '-' && s[1] != '+') s.remove_prefix(1);
    return s;
}

std::optional<double> parse_double(std::string_view s) {
    s = strip_plus(s);
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

}  // namespace

std::string number_text(double v) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, p) : std::string("?");
}

const Field& Field::expect_map() const {
    if (!node.is_map()) fail("expected a map, got " + std::string(kind_name(node.kind())));
    const std::size_t n = node.size();
    for (std::size_t i = 0; i < n; ++i) {
        Node k = node.key(i);
        if (!k.is_scalar()) {
            const Mark m = k.mark();
            throw InputError(doc->file(), m.line, m.column, path, "map keys must be plain names");
        }
    }
    // Duplicate keys: yaml-cpp's node API would silently keep one of them.
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return node.key(a).scalar() < node.key(b).scalar(); });
    for (std::size_t j = 1; j < n; ++j) {
        Node later = node.key(std::max(order[j - 1], order[j]));
        if (node.key(order[j - 1]).scalar() == node.key(order[j]).scalar()) {
            const Mark m = later.mark();
            throw InputError(doc->file(), m.line, m.column, join_path(path, later.scalar()), "duplicate key");
        }
    }
    return *this;
}

const Field& Field::expect_sequence() const {
    if (!node.is_sequence()) fail("expected a list, got " + std::string(kind_name(node.kind())));
    return *this;
}

void Field::check_keys(std::initializer_list<std::string_view> allowed) const {
    for (std::size_t i = 0, n = node.size(); i < n; ++i) {
        Node k = node.key(i);
        if (std::find(allowed.begin(), allowed.end(), k.scalar()) != allowed.end()) continue;
        std::string known;
        for (std::string_view a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
        fail_key(k.scalar(), "unknown field (expected one of: " + known + ")");
    }
}

std::optional<Field> Field::get_raw(std::string_view key) const {
    auto v = node.find(key);
    if (!v) return std::nullopt;
    return Field{*v, join_path(path, key), doc};
}

std::optional<Field> Field::get(std::string_view key) const {
    auto f = get_raw(key);
    if (!f || f->node.is_null()) return std::nullopt;
    return f;
}

Field Field::require(std::string_view key) const {
    auto f = get_raw(key);
    if (!f) fail_missing(key);
    if (f->node.is_null()) fail_key(key, "must not be empty");
    return *f;
}

Field Field::item(std::size_t i) const {
    return Field{node.item(i), path + "[" + std::to_string(i) + "]", doc};
}

Field Field::entry_value(std::size_t i) const {
    return Field{node.value(i), join_path(path, node.key(i).scalar()), doc};
}

std::string Field::as_string() const {
    if (!node.is_scalar()) fail("expected a text value, got " + std::string(kind_name(node.kind())));
    return std::string(node.scalar());
}

std::int64_t Field::as_integer(std::int64_t lo, std::int64_t hi) const {
    if (!node.is_scalar()) fail("expected an integer, got " + std::string(kind_name(node.kind())));
    const std::string_view s = strip_plus(node.scalar());
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) {
        // "12.0" and "1e3" are integers in value; "12.5" is not (MODEL.md 9.16).
        auto d = parse_double(node.scalar());
        if (!d || !std::isfinite(*d)) fail("expected an integer, got " + quoted(node.scalar()));
        if (*d != std::floor(*d)) fail("must be an integer, got " + quoted(node.scalar()));
        if (*d < static_cast<double>(lo) || *d > static_cast<double>(hi) || std::fabs(*d) > 9.0e18)
            fail("must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + quoted(node.scalar()));
        v = static_cast<std::int64_t>(*d);
    }
    if (v < lo) {
        if (lo == 1) fail("must be positive, got " + std::to_string(v));
        if (lo == 0) fail("must not be negative, got " + std::to_string(v));
        fail("must be at least " + std::to_string(lo) + ", got " + std::to_string(v));
    }
    if (v > hi) fail("must be at most " + std::to_string(hi) + ", got " + std::to_string(v));
    return v;
}

double Field::as_number(double lo, double hi, bool lo_open) const {
    if (!node.is_scalar()) fail("expected a number, got " + std::string(kind_name(node.kind())));
    auto d = parse_double(node.scalar());
    if (!d) fail("expected a number, got " + quoted(node.scalar()));
    if (!std::isfinite(*d)) fail("must be a finite number, got " + quoted(node.scalar()));
    const double v = *d;
    if (lo_open ? !(v > lo) : !(v >= lo)) {
        if (lo > 0 && v <= 0) fail("must be positive, got " + number_text(v));
        if (lo == 0) fail(std::string(lo_open ? "must be positive" : "must not be negative") + ", got " + number_text(v));
        fail(std::string("must be ") + (lo_open ? "greater than " : "at least ") + number_text(lo) + ", got " +
             number_text(v));
    }
    if (v > hi) fail("must be at most " + number_text(hi) + ", got " + number_text(v));
    return v;
}

bool Field::as_bool() const {
    if (node.is_scalar()) {
        const std::string_view s = node.scalar();
        for (std::string_view t : {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
            if (s == t) return true;
        for (std::string_view f : {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})
            if (s == f) return false;
    }
    fail("expected true or false, got " + (node.is_scalar() ? quoted(node.scalar()) : std::string(kind_name(node.kind()))));
}

}  // namespace makepack::io
