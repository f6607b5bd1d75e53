#include "model/output_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace makepack {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& why) {
    throw std::runtime_error("cannot write '" + path + "': " + why);
}

const char* kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

// A hidden name in the target's directory (never matched by a *.yaml glob).
fs::path temp_path(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string name = "." + target.filename().string();
    name += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
    return dir / name;
}

// Opens a new temporary file beside `target`; its path in `temp`.
int open_temp(const std::string& shown, const fs::path& target, fs::path& temp) {
    temp = temp_path(target);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        const int err = errno;
        const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
        std::error_code ec;
        if (err == ENOENT && !fs::is_directory(dir, ec)) fail(shown, "directory '" + dir.string() + "' does not exist");
        if (err == EACCES || err == EROFS || err == EPERM)
            fail(shown, "directory '" + dir.string() + "' is not writable (" + std::strerror(err) + ")");
        fail(shown, std::strerror(err));
    }
    return fd;
}

}  // namespace

std::string output_target(const std::string& path) {
    if (path.empty()) fail(path, "the path is empty");
    fs::path current(path);
    for (int hops = 0;; ++hops) {
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0) return current.string();  // absent: created there
        if (S_ISREG(st.st_mode)) return current.string();
        if (!S_ISLNK(st.st_mode))
            fail(path, current.string() == path ? std::string("it is ") + kind_of(st.st_mode) + ", not a regular file"
                                                : "its link target '" + current.string() + "' is " + kind_of(st.st_mode) +
                                                      ", not a regular file");
        if (hops >= 40) fail(path, "too many levels of symbolic links");
        std::error_code ec;
        const fs::path next = fs::read_symlink(current, ec);
        if (ec) fail(path, ec.message());
        current = next.is_absolute() ? next : current.parent_path() / next;
    }
}

void probe_output(const std::string& path) {
    const fs::path target(output_target(path));
    fs::path temp;
    const int fd = open_temp(path, target, temp);
    ::close(fd);
    ::unlink(temp.c_str());
}

void write_file_atomically(const std::string& path, const std::string& text) {
    const fs::path target(output_target(path));
    fs::path temp;
    const int fd = open_temp(path, target, temp);
    const auto give_up = [&](const std::string& why) {
        ::close(fd);
        ::unlink(temp.c_str());
        fail(path, why);
    };
    // An existing file keeps its permissions (a write-through link may point at a shared file).
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode)) (void)::fchmod(fd, st.st_mode & 07777);
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) give_up(std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    // Data on disk before the rename makes it visible: no empty file after a crash.
    if (::fsync(fd) != 0) give_up(std::strerror(errno));
    if (::close(fd) != 0) {
        ::unlink(temp.c_str());
        fail(path, std::strerror(errno));
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        fail(path, std::strerror(err));
    }
}

}  // namespace makepack
