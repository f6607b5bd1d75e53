#include "tests/support/process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace makepack::fixtures {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::vector<std::vector<std::string>> csv_rows(const std::filesystem::path& path, std::string* header) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(read_text(path));
    std::string line;
    std::getline(in, line);
    if (header) *header = line;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::string field;
        std::istringstream cells(line);
        while (std::getline(cells, field, ',')) fields.push_back(field);
        if (!line.empty() && line.back() == ',') fields.emplace_back();  // getline drops a last empty field
        rows.push_back(fields);
    }
    return rows;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TempDir::TempDir() {
    // pid + random: unique across the test processes ctest runs in parallel.
    std::random_device device;
    path = fs::temp_directory_path() /
           ("makepack-test-" + std::to_string(::getpid()) + "-" + std::to_string(device()));
    fs::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ec;  // a destructor must not throw
    fs::remove_all(path, ec);
}

fs::path TempDir::work() const {
    const fs::path dir = path / "work";
    fs::create_directories(dir);
    return dir;
}

std::string quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

int shell(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

Run run_command(const std::vector<std::string>& words, const fs::path& cwd) {
    const TempDir capture;
    const fs::path out = capture / "stdout";
    const fs::path err = capture / "stderr";
    // The subshell sends a failed `cd`'s message to the captured stderr too.
    std::string command = "(";
    if (!cwd.empty()) command += "cd " + quote(cwd.string()) + " &&";
    for (const std::string& word : words) {
        command += ' ';  // not " " + quote(word): GCC 12 gives a false -Wrestrict on that
        command += quote(word);
    }
    command += ") </dev/null >" + quote(out.string()) + " 2>" + quote(err.string());
    Run run;
    run.exit_code = shell(command);
    run.out = read_text(out);
    run.err = read_text(err);
    return run;
}

Run run_makepack(const fs::path& cwd, const std::vector<std::string>& args) {
    std::vector<std::string> words{MAKEPACK_BINARY};
    words.insert(words.end(), args.begin(), args.end());
    return run_command(words, cwd);
}

}  // namespace makepack::fixtures
