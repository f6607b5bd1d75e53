#include "model/io_rows.hpp"

#include <cmath>

namespace makepack::io {

namespace {
int read_resource_id(const Instance& instance, const Field& map) {
    const Field f = map.require("resource");
    const std::string id = f.as_string();
    auto r = instance.find_resource(id);
    if (!r) f.fail("unknown resource '" + id + "'");
    return *r;
}
}  // namespace

RowRead read_row(const Instance& instance, const Field& field, RowCheck check) {
    field.expect_map();
    field.check_keys({"resource", "product", "batches", "quantity", "start", "end"});
    RowRead out;
    Row& row = out.row;
    row.resource = read_resource_id(instance, field);
    const bool mixer = instance.is_mixer(row.resource);
    const std::string& rid = instance.resources[static_cast<std::size_t>(row.resource)].id;

    const Field pf = field.require("product");
    const std::string pid = pf.as_string();
    auto p = instance.find_product(pid);
    if (!p) pf.fail("unknown product '" + pid + "'");
    row.product = *p;
    const bool paste = instance.products[static_cast<std::size_t>(row.product)].stage == Stage::Mixer;
    if (paste != mixer)
        pf.fail(std::string(paste ? "paste" : "SKU") + " '" + pid + "' cannot run on " + (mixer ? "mixer" : "line") +
                " '" + rid + "'");
    const bool strict = check == RowCheck::Strict;
    const bool eligible = instance.eligible(row.product, row.resource);
    if (strict && !eligible)
        pf.fail("'" + pid + "' is not eligible on '" + rid + "'" +
                (mixer ? " (no batch_hours for it)" : " (no downtime entry for it)"));

    // Mixers make batches, lines make units: the wrong word is a mistake, not a synonym.
    const char* amount_key = mixer ? "batches" : "quantity";
    const char* wrong_key = mixer ? "quantity" : "batches";
    if (field.get_raw(wrong_key))
        field.fail_key(wrong_key, std::string("a ") + (mixer ? "mixer" : "line") + " row states " + amount_key +
                                      ", not " + wrong_key);
    const Field af = field.require(amount_key);
    row.amount = af.as_integer(strict ? 1 : -kMaxUnits, kMaxUnits);
    row.start = field.require("start").as_int(-kMaxTime, kMaxTime);
    if (auto e = field.get("end")) out.stated_end = e->as_int(-kMaxTime, 3 * kMaxTime);

    // The derived end needs the work, which needs an option and a sane amount.
    double work = -1;
    if (eligible && row.amount >= 1) {
        const Option* o = instance.option(row.product, row.resource);
        work = mixer ? static_cast<double>(row.amount) * o->batch_hours : static_cast<double>(row.amount) / o->rate;
        if (strict && work > kMaxTime)
            af.fail("needs " + number_text(std::ceil(work)) + " hours of work, more than any horizon");
    }
    out.has_derived_end = work >= 0 && work <= kMaxTime;
    // Checked last, so a wrong id or amount is reported first. MODEL.md 8
    // lists `end` in every row; a reader that derived a missing one would let
    // a file pass that no writer produced (docs/model-decisions.md).
    if (!out.stated_end) field.fail_missing("end");
    row.end = out.has_derived_end ? instance.row_end(row) : *out.stated_end;
    return out;
}

void AmountTotal::add(const Instance& instance, const Field& row_field, const Row& row) {
    const std::int64_t amount = row.amount < 0 ? -row.amount : row.amount;  // |amount| <= kMaxUnits
    if (amount <= kMaxTotalAmount - total_) {
        total_ += amount;
        return;
    }
    const char* key = instance.is_mixer(row.resource) ? "batches" : "quantity";
    row_field.require(key).fail("the rows' batches and quantities add up to more than " +
                                number_text(static_cast<double>(kMaxTotalAmount)) + " (the limit of one file)");
}

Block read_block(const Instance& instance, const Field& field) {
    field.expect_map();
    field.check_keys({"resource", "kind", "start", "end"});
    Block block;
    block.resource = read_resource_id(instance, field);
    const Field kf = field.require("kind");
    auto kind = block_kind_from_string(kf.as_string());
    if (!kind) kf.fail("unknown block kind '" + kf.as_string() + "' (expected maintenance, spare_capacity, outage, changeover or shift_break)");
    block.kind = *kind;
    block.start = field.require("start").as_int(-kMaxTime, kMaxTime);
    const Field ef = field.require("end");
    block.end = ef.as_int(-kMaxTime, 3 * kMaxTime);
    if (block.end <= block.start) ef.fail("end must be after start (" + std::to_string(block.start) + ")");
    return block;
}

}  // namespace makepack::io
