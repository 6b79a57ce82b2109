/// Extracts a literal every match of a regex must contain, so a search can skip lines (and
/// whole files) with a `memchr`-speed scan before running the regex.
///
/// Deliberately conservative: it gives up (nil) on alternation, inline flags other than `(?:`,
/// and reads only the top level (outside groups); a character followed by `?`, `*` or `{0,…}` is
/// dropped from the run. The longest remaining run of at least two bytes is returned.
package enum RegexLiteral {
    /// The required literal of `pattern`, or nil when none can be proven.
    package static func required(_ pattern: String) -> [UInt8]? {
        let bytes = Array(pattern.utf8)
        var best: [UInt8] = []
        var run: [UInt8] = []
        var depth = 0
        var index = 0
        func endRun() {
            if run.count > best.count { best = run }
            run.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "|"):
                return nil
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { return nil }
                let next = bytes[index + 1]
                index += 2
                if depth > 0 { continue }
                let isLetterOrDigit =
                    (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z"))
                    || (next >= UInt8(ascii: "A") && next <= UInt8(ascii: "Z"))
                    || (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9"))
                if isLetterOrDigit || next >= 0x80 {
                    endRun()  // a class, anchor, back-reference or code point escape
                } else {
                    run.append(next)
                }
                continue
            case UInt8(ascii: "("):
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "?")
                    && !(index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: ":"))
                {
                    return nil  // inline flags or look-around: too clever for this scan
                }
                if depth == 0 { endRun() }
                depth += 1
            case UInt8(ascii: ")"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "["):
                if depth == 0 { endRun() }
                index += 1
                if index < bytes.count && (bytes[index] == UInt8(ascii: "^")) { index += 1 }
                if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1 }
                while index < bytes.count && bytes[index] != UInt8(ascii: "]") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    index += 1
                }
            case UInt8(ascii: "?"), UInt8(ascii: "*"):
                if depth == 0 {
                    if !run.isEmpty { run.removeLast() }
                    endRun()
                }
            case UInt8(ascii: "{"):
                if depth == 0 {
                    // {0,…} makes the previous atom optional; {n,…} with n ≥ 1 keeps it.
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "0"), !run.isEmpty {
                        run.removeLast()
                    }
                    endRun()
                }
                while index < bytes.count && bytes[index] != UInt8(ascii: "}") { index += 1 }
            case UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                if depth == 0 { endRun() }
            default:
                if depth == 0 { run.append(byte) }
            }
            index += 1
        }
        endRun()
        return best.count >= 2 ? best : nil
    }
}
