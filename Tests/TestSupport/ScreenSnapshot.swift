import Basics
import Testing

/// Screens compared with text files under `Tests/Fixtures/`: the expected screen is the file,
/// read by a person before it is committed.
public enum ScreenSnapshot {
    /// Compares `screen` with the fixture `relativePath` (`review/narrow.txt`) and records an
    /// issue naming the first differing row. With `SEAM_RECORD_SNAPSHOTS=1` it writes the file
    /// instead.
    public static func expect(
        _ screen: String, matches relativePath: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let path = RepositoryLayout.fixture(relativePath)
        if ProcessEnvironment.current["SEAM_RECORD_SNAPSHOTS"] == "1" {
            try FileSystem.createDirectories(FileSystem.parent(of: path))
            try TestFiles.write(path, bytes: Array((screen + "\n").utf8))
            return
        }
        guard FileSystem.exists(path) else {
            Issue.record("missing snapshot \(path): record it with SEAM_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        let expected = try TestFiles.readText(path)
        let actual = screen + "\n"
        guard expected != actual else { return }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let row =
            (0..<min(expectedLines.count, actualLines.count)).first { expectedLines[$0] != actualLines[$0] }
            ?? min(expectedLines.count, actualLines.count)
        Issue.record(
            """
            \(relativePath) differs from \(path) at row \(row + 1):
            expected: \(row < expectedLines.count ? expectedLines[row] : "(end)")
            actual:   \(row < actualLines.count ? actualLines[row] : "(end)")
            whole screen:
            \(screen)
            """, sourceLocation: sourceLocation)
    }
}
