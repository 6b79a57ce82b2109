/// Git's glob dialect ("wildmatch") over UTF-8 bytes, with the path-name rules gitignore uses.
///
/// Facts carried over from git's documentation and `wildmatch.c` semantics (our own code):
/// - `?` matches one byte other than `/`; `*` matches any run of bytes without `/`.
/// - `**` is special only as a whole component (`**/x`, `x/**`, `x/**/y`): it matches any number
///   of directories, zero included; trailing `/**` matches everything below. Elsewhere it is `*`.
/// - `[...]` is a set: ranges `a-z`, negation with `!` or `^`, a leading `]` is literal, POSIX
///   classes like `[:alpha:]`; a set never matches `/`. An unterminated set never matches.
/// - `\` quotes the next byte; a pattern that ends in a lone `\` never matches.
package enum Wildmatch {
    /// True when `pattern` matches all of `text`.
    ///
    /// - Parameter pathName: when true (gitignore's anchored patterns), `*`, `?` and sets do not
    ///   match `/` and `**` components cross directories; when false `*` matches `/` too.
    /// - Complexity: O(n·m) in the worst case; typical gitignore patterns are linear.
    package static func matches(_ pattern: [UInt8], _ text: UnsafeBufferPointer<UInt8>, pathName: Bool = true) -> Bool {
        pattern.withUnsafeBufferPointer { pattern in
            Matcher(pattern: pattern, text: text, pathName: pathName).run(0, 0) == .match
        }
    }

    /// `matches` for a `String` text (tests and one-off checks).
    package static func matches(_ pattern: String, _ text: String, pathName: Bool = true) -> Bool {
        var text = text
        return text.withUTF8 { self.matches(Array(pattern.utf8), $0, pathName: pathName) }
    }
}

private enum Outcome {
    case match
    case noMatch
    /// No later start position can match either (text exhausted).
    case abortAll
    /// A single `*` hit a slash: only an enclosing `**` may continue.
    case abortToDoubleStar
}

private struct Matcher {
    let pattern: UnsafeBufferPointer<UInt8>
    let text: UnsafeBufferPointer<UInt8>
    let pathName: Bool

    static let slash = UInt8(ascii: "/")
    static let backslash = UInt8(ascii: "\\")
    static let star = UInt8(ascii: "*")

    func run(_ startP: Int, _ startT: Int) -> Outcome {
        var p = startP
        var t = startT
        while p < self.pattern.count {
            let pc = self.pattern[p]
            if t >= self.text.count && pc != Self.star { return .abortAll }
            switch pc {
            case Self.backslash:
                p += 1
                guard p < self.pattern.count else { return .noMatch }
                if self.text[t] != self.pattern[p] { return .noMatch }
            case UInt8(ascii: "?"):
                if self.pathName && self.text[t] == Self.slash { return .noMatch }
            case Self.star:
                return self.star(at: p, t)
            case UInt8(ascii: "["):
                guard let (matched, end) = self.set(at: p, byte: self.text[t]) else { return .abortAll }
                if !matched || (self.pathName && self.text[t] == Self.slash) { return .noMatch }
                p = end
            default:
                if self.text[t] != pc { return .noMatch }
            }
            p += 1
            t += 1
        }
        return t == self.text.count ? .match : .noMatch
    }

    /// Handles a run of stars starting at `p` against text from `t`.
    private func star(at p: Int, _ t: Int) -> Outcome {
        var next = p
        while next < self.pattern.count && self.pattern[next] == Self.star { next += 1 }
        var t = t
        var matchSlash: Bool
        if next - p >= 2 && self.pathName {
            let atComponentStart = p == 0 || self.pattern[p - 1] == Self.slash
            let atComponentEnd =
                next == self.pattern.count || self.pattern[next] == Self.slash
                || (self.pattern[next] == Self.backslash && next + 1 < self.pattern.count
                    && self.pattern[next + 1] == Self.slash)
            if atComponentStart && atComponentEnd {
                // `**/` may match no directory at all: try the rest right here.
                if next < self.pattern.count && self.pattern[next] == Self.slash
                    && self.run(next + 1, t) == .match
                {
                    return .match
                }
                matchSlash = true
            } else {
                matchSlash = false
            }
        } else {
            matchSlash = !self.pathName
        }
        if next == self.pattern.count {
            if !matchSlash && self.text[t...].contains(Self.slash) { return .noMatch }
            return .match
        }
        if !matchSlash && self.pattern[next] == Self.slash {
            // One `*` then `/`: the star spans the rest of this component.
            guard let slash = self.text[t...].firstIndex(of: Self.slash) else { return .noMatch }
            return self.run(next, slash)
        }
        while t < self.text.count {
            // Skip ahead to the next occurrence of a literal that follows the star.
            let literal = self.pattern[next]
            if literal != Self.star && literal != UInt8(ascii: "?") && literal != UInt8(ascii: "[")
                && literal != Self.backslash
            {
                while t < self.text.count && self.text[t] != literal && (matchSlash || self.text[t] != Self.slash) {
                    t += 1
                }
                if t == self.text.count || self.text[t] != literal { return .noMatch }
            }
            let outcome = self.run(next, t)
            if outcome != .noMatch {
                if !matchSlash || outcome != .abortToDoubleStar { return outcome }
            } else if !matchSlash && self.text[t] == Self.slash {
                return .abortToDoubleStar
            }
            t += 1
        }
        return .abortAll
    }

    /// Evaluates the set starting at `p` (`[`) for `byte`. Returns whether it matched and the index
    /// of the closing `]`, or nil when the set is unterminated or names an unknown class.
    private func set(at p: Int, byte: UInt8) -> (Bool, Int)? {
        var p = p + 1
        guard p < self.pattern.count else { return nil }
        var negated = false
        if self.pattern[p] == UInt8(ascii: "!") || self.pattern[p] == UInt8(ascii: "^") {
            negated = true
            p += 1
        }
        var matched = false
        var previous: UInt8? = nil
        var first = true
        while p < self.pattern.count {
            var c = self.pattern[p]
            if c == UInt8(ascii: "]") && !first { return (matched != negated, p) }
            first = false
            if c == Self.backslash {
                p += 1
                guard p < self.pattern.count else { return nil }
                c = self.pattern[p]
                if c == byte { matched = true }
                previous = c
            } else if c == UInt8(ascii: "-"), let low = previous, p + 1 < self.pattern.count,
                self.pattern[p + 1] != UInt8(ascii: "]")
            {
                p += 1
                var high = self.pattern[p]
                if high == Self.backslash {
                    p += 1
                    guard p < self.pattern.count else { return nil }
                    high = self.pattern[p]
                }
                if low <= byte && byte <= high { matched = true }
                previous = nil
            } else if c == UInt8(ascii: "["), p + 1 < self.pattern.count, self.pattern[p + 1] == UInt8(ascii: ":") {
                let nameStart = p + 2
                var close = nameStart
                while close < self.pattern.count && self.pattern[close] != UInt8(ascii: "]") { close += 1 }
                guard close < self.pattern.count else { return nil }
                if close - 1 < nameStart || self.pattern[close - 1] != UInt8(ascii: ":") {
                    // Not a class after all: a literal '['.
                    if byte == c { matched = true }
                    previous = c
                } else {
                    let name = String(decoding: self.pattern[nameStart..<(close - 1)], as: UTF8.self)
                    guard let inClass = Self.classMatches(name, byte) else { return nil }
                    if inClass { matched = true }
                    p = close
                    previous = nil
                }
            } else {
                if c == byte { matched = true }
                previous = c
            }
            p += 1
        }
        return nil
    }

    private static func classMatches(_ name: String, _ b: UInt8) -> Bool? {
        let upper = b >= 65 && b <= 90
        let lower = b >= 97 && b <= 122
        let digit = b >= 48 && b <= 57
        let alpha = upper || lower
        let space = b == 32 || (b >= 9 && b <= 13)
        let printable = b >= 32 && b < 127
        switch name {
        case "alnum": return alpha || digit
        case "alpha": return alpha
        case "blank": return b == 32 || b == 9
        case "cntrl": return b < 32 || b == 127
        case "digit": return digit
        case "graph": return printable && b != 32
        case "lower": return lower
        case "print": return printable
        case "punct": return printable && b != 32 && !alpha && !digit
        case "space": return space
        case "upper": return upper
        case "xdigit": return digit || (b >= 65 && b <= 70) || (b >= 97 && b <= 102)
        default: return nil
        }
    }
}
