/// What to search for across the workspace, and the bounds of the search.
package struct SearchQuery: Hashable, Sendable {
    /// How `pattern` is read.
    package enum Mode: Hashable, Sendable {
        /// Plain bytes (the fast path).
        case literal
        /// A Swift `Regex` (Perl-like syntax), matched per line.
        case regex
    }

    /// Whether letter case matters.
    package enum CaseSensitivity: Hashable, Sendable {
        case sensitive
        /// ASCII case folded for literals; `ignoresCase()` for regexes.
        case insensitive
        /// Insensitive unless the pattern has an uppercase letter (ripgrep's `--smart-case`).
        case smart
    }

    /// The text or regex to find.
    package var pattern: String
    /// Literal or regex.
    package var mode: Mode
    /// Whether case matters (smart by default).
    package var caseSensitivity: CaseSensitivity
    /// Only matches with no word character (letter, digit, `_`) right before or after.
    package var wholeWord: Bool
    /// Stop after this many matching lines in total.
    package var maximumResults: Int
    /// Report at most this many matching lines per file.
    package var maximumMatchesPerFile: Int
    /// Longer lines are cut to a window around the first match (`SearchMatch.lineTextOffset`).
    package var maximumLineBytes: Int
    /// Larger files are skipped (and counted).
    package var maximumFileBytes: Int
    /// Which files the walk visits (ignore rules respected by default).
    package var walk: WalkOptions

    package init(
        _ pattern: String,
        mode: Mode = .literal,
        caseSensitivity: CaseSensitivity = .smart,
        wholeWord: Bool = false,
        maximumResults: Int = 2000,
        maximumMatchesPerFile: Int = 500,
        maximumLineBytes: Int = 512,
        maximumFileBytes: Int = 16 << 20,
        walk: WalkOptions = WalkOptions()
    ) {
        self.pattern = pattern
        self.mode = mode
        self.caseSensitivity = caseSensitivity
        self.wholeWord = wholeWord
        self.maximumResults = maximumResults
        self.maximumMatchesPerFile = maximumMatchesPerFile
        self.maximumLineBytes = maximumLineBytes
        self.maximumFileBytes = maximumFileBytes
        self.walk = walk
    }

    /// True when matching ignores case, after resolving `.smart`.
    package var ignoresCase: Bool {
        switch self.caseSensitivity {
        case .sensitive: false
        case .insensitive: true
        case .smart:
            !Self.hasUppercase(self.pattern, skippingEscapes: self.mode == .regex)
        }
    }

    private static func hasUppercase(_ pattern: String, skippingEscapes: Bool) -> Bool {
        var escaped = false
        for character in pattern {
            if escaped {
                escaped = false
                continue
            }
            if skippingEscapes && character == "\\" {
                escaped = true
                continue
            }
            if character.isUppercase { return true }
        }
        return false
    }
}

/// One matching line.
package struct SearchMatch: Hashable, Sendable {
    /// The workspace-relative file path.
    package var path: String
    /// 1-based line number.
    package var line: Int
    /// 1-based UTF-8 byte column of the first match on the line.
    package var column: Int
    /// The line without its terminator, or a window of it for long lines.
    package var lineText: String
    /// The byte offset of `lineText` within the whole line (0 unless the line was cut).
    package var lineTextOffset: Int
    /// The matches as UTF-8 byte ranges into `lineText`.
    package var ranges: [Range<Int>]
}

/// What a finished (or stopped) search did.
package struct SearchSummary: Hashable, Sendable {
    /// Text files read and searched.
    package var filesSearched = 0
    /// Files with at least one reported match.
    package var filesWithMatches = 0
    /// Matching lines reported.
    package var matchingLines = 0
    /// Files skipped as binary.
    package var skippedBinaryFiles = 0
    /// Files skipped for exceeding `maximumFileBytes`.
    package var skippedLargeFiles = 0
    /// Files that could not be opened or read.
    package var unreadableFiles = 0
    /// `maximumResults` was reached; more matches may exist.
    package var isTruncated = false
    /// The caller cancelled.
    package var isCancelled = false

    package init() {}
}
