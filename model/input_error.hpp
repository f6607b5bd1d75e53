// Bad input: a message naming the file, line, column and field (exit code 2).
#pragma once

#include <stdexcept>
#include <string>

namespace makepack {

class InputError : public std::runtime_error {
public:
    InputError(std::string file, int line, int column, std::string field, const std::string& message)
        : std::runtime_error(format(file, line, column, field, message)),
          file_(std::move(file)), line_(line), column_(column), field_(std::move(field)), message_(message) {}

    const std::string& file() const { return file_; }
    int line() const { return line_; }      // 1-based; 0 = unknown
    int column() const { return column_; }  // 1-based; 0 = unknown
    const std::string& field() const { return field_; }
    const std::string& message() const { return message_; }  // without the location

private:
    static std::string format(const std::string& file, int line, int column, const std::string& field,
                              const std::string& message) {
        return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
               (field.empty() ? std::string() : field + ": ") + message;
    }
    std::string file_;
    int line_;
    int column_;
    std::string field_;
    std::string message_;
};

}  // namespace makepack
