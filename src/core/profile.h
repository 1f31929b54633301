// Wall time (and, where given, floating-point operations) per named stage, summed over calls, for
// the benchmarks' per-op profiles. Code takes a Profile* that is null in production, so timing
// costs nothing there.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace ml5 {

class Profile {
 public:
  struct Stage {
    double total_ms = 0;
    double total_flops = 0;
    int calls = 0;
  };
  void Add(const std::string& stage, double ms, double flops = 0) {
    Stage& s = stages_[stage];
    s.total_ms += ms;
    s.total_flops += flops;
    s.calls++;
  }
  const std::map<std::string, Stage>& stages() const { return stages_; }

 private:
  std::map<std::string, Stage> stages_;
};

// Adds the time until it goes out of scope to `profile` (if any) under "<what> <level>", e.g.
// "decoder conv 3", with the stage's `flops` if known; the name is only built when there is a
// profile.
class ProfileScope {
 public:
  ProfileScope(Profile* profile, const char* what, int level = 0, double flops = 0)
      : profile_(profile),
        stage_(profile ? what + (level ? " " + std::to_string(level) : std::string()) : ""),
        flops_(flops) {}
  ProfileScope(const ProfileScope&) = delete;
  ProfileScope& operator=(const ProfileScope&) = delete;
  ~ProfileScope() {
    if (profile_) {
      profile_->Add(
          stage_, std::chrono::duration<double, std::milli>(Clock::now() - start_).count(), flops_);
    }
  }

 private:
  using Clock = std::chrono::steady_clock;
  Profile* profile_;
  std::string stage_;
  double flops_;
  Clock::time_point start_ = Clock::now();
};

}  // namespace ml5
