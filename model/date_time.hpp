// The instance header's `start_date` and `time_unit` (MODEL.md 1, 8): one
// reading, shared by the loader (which rejects anything else) and the report
// clock (which prints calendar dates from them).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace makepack {

// Minutes since 1970-01-01T00:00 of an ISO 8601 date or date-time:
//   YYYY-MM-DD[(T|t| )hh:mm[:ss[.fraction]][Z|z|(+|-)hh:mm]]
// with a real calendar day (leap years included), hh < 24, mm < 60, ss < 60.
// The seconds, fraction and zone are checked but not kept (times are printed
// to the minute, in the plant's own time). nullopt for anything else.
std::optional<std::int64_t> parse_iso_date_time(std::string_view text);

// Minutes per time unit: minute = 1, hour = 60, day = 1440; nullopt for any
// other name. Singular only: messages print "<horizon> <unit>s".
std::optional<int> time_unit_minutes(std::string_view unit);

}  // namespace makepack
