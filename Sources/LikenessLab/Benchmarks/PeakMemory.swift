import Foundation

/// The process's peak resident memory, as every benchmark reports it.
///
/// Linux `VmHWM` (the high-water mark of this process's own address space), not `getrusage`'s
/// `ru_maxrss`: Linux carries `ru_maxrss` across `fork` and `exec`, so a benchmark started by a
/// script that holds large arrays would report the script's peak instead of its own.
public enum PeakMemory {
    /// Peak resident memory since the start or the last ``reset()``, in MB (`ru_maxrss` where
    /// `/proc` is unavailable).
    public static func megabytes() -> Double {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") {
            return kilobytes / 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Starts a new peak window (Linux: writing 5 to /proc/self/clear_refs resets `VmHWM`).
    public static func reset() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
