#if canImport(Glibc)
import Glibc
#endif

import Basics
import Testing

/// When `SEAM_TEST_TIMING_LOG` names a file, every test run under `.dedicatedThreads` appends one
/// line to it: seconds since the first test arrived at its start and end, how long it waited for
/// a slot, how long it ran, and its name. For finding the slow tests of a whole run
/// (`sort -k4 -n -r` on the file), since a parallel run's own durations are hard to read.
public final class TestTimingLog: Sendable {
    /// The log named by the environment, or nil.
    public static let shared: TestTimingLog? = ProcessEnvironment.current["SEAM_TEST_TIMING_LOG"].flatMap {
        $0.isEmpty ? nil : TestTimingLog(path: $0)
    }

    private let descriptor: Int32
    private let origin = ContinuousClock.now

    private init?(path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    /// Appends the line of one test case (one `write`, so lines from threads do not interleave).
    func record(test: Test, testCase: Test.Case?, arrived: ContinuousClock.Instant, started: ContinuousClock.Instant, ended: ContinuousClock.Instant) {
        func seconds(_ duration: Duration) -> String {
            let (whole, fraction) = duration.components
            let hundredths = Int(fraction / 10_000_000_000_000_000)
            return "\(whole).\(hundredths < 10 ? "0" : "")\(hundredths)"
        }
        let name = test.displayName ?? test.name
        let arguments = testCase?.isParameterized == true ? " (one case)" : ""
        let line = "start \(seconds(self.origin.duration(to: started))) end \(seconds(self.origin.duration(to: ended)))"
            + " waited \(seconds(arrived.duration(to: started))) ran \(seconds(started.duration(to: ended))) \(test.id.moduleName): \(name)\(arguments)\n"
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBufferPointer { write(self.descriptor, $0.baseAddress, $0.count) }
    }
}
