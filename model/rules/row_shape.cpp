#include "model/rules/row_shape.hpp"

#include <cmath>

namespace makepack {
namespace {
// Far beyond any horizon, far below int overflow.
constexpr long long kTimeLimit = 1LL << 30;
}  // namespace

RowShape row_shape(const Instance& instance, const Row& row) {
    RowShape shape;
    if (row.resource < 0 || row.resource >= static_cast<int>(instance.resources.size())) {
        shape.defect = RowDefect::UnknownResource;
        return shape;
    }
    if (row.product < 0 || row.product >= static_cast<int>(instance.products.size())) {
        shape.defect = RowDefect::UnknownProduct;
        return shape;
    }
    const Resource& resource = instance.resources[static_cast<std::size_t>(row.resource)];
    if (instance.products[static_cast<std::size_t>(row.product)].stage != resource.stage) {
        shape.defect = RowDefect::WrongStage;
        return shape;
    }
    const Option* option = instance.option(row.product, row.resource);
    if (option == nullptr) {
        shape.defect = RowDefect::Ineligible;
        return shape;
    }
    if (row.amount < 1) {
        shape.defect = RowDefect::Amount;
        return shape;
    }
    const double work = resource.stage == Stage::Mixer
                            ? static_cast<double>(row.amount) * option->batch_hours
                            : static_cast<double>(row.amount) / option->rate;
    if (!(work < static_cast<double>(kTimeLimit))) {  // also catches NaN from a zero rate
        shape.defect = RowDefect::OutOfRange;
        return shape;
    }
    shape.work = instance.work(row);
    const WorkingTime& working = resource.working;
    // Same as Instance::row_end (work 0 ends where it starts), but in 64 bits.
    const long long end =
        shape.work <= 0 ? row.start : working.first_time_with(working.at(row.start) + shape.work);
    if (end > kTimeLimit || end < -kTimeLimit) {
        shape.defect = RowDefect::OutOfRange;
        return shape;
    }
    shape.end = static_cast<int>(end);
    return shape;
}

const char* describe(RowDefect defect) {
    switch (defect) {
        case RowDefect::None: return "ok";
        case RowDefect::UnknownResource: return "unknown resource";
        case RowDefect::UnknownProduct: return "unknown product";
        case RowDefect::WrongStage: return "product of the other stage";
        case RowDefect::Ineligible: return "product not eligible on this resource";
        case RowDefect::Amount: return "batches/quantity must be at least 1";
        case RowDefect::OutOfRange: return "work or end far beyond the horizon";
    }
    return "?";
}

}  // namespace makepack
