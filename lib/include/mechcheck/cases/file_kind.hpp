#pragma once
// What a path is, in words, for messages about paths that are not what they should be.
#include <string>

#include <sys/stat.h>

namespace mechcheck {

// "a directory", "a FIFO (named pipe)", "a character device", ... from stat's st_mode.
inline std::string file_kind(mode_t mode) {
  if (S_ISREG(mode)) return "a regular file";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "neither a file nor a directory";
}

}  // namespace mechcheck
