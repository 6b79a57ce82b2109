/// What happened to one hunk when it was located in its file.
package enum HunkOutcome: Hashable, Sendable, CustomStringConvertible {
    /// Found with exact context at 0-based `line`; `offset` is the distance from where the edit
    /// said it would be (0 when it gave no position or was right).
    case applied(line: Int, offset: Int)
    /// Found only on a looser rung of the ladder.
    case appliedFuzzy(line: Int, offset: Int, rung: MatchRung)
    /// Not applied.
    case rejected(HunkRejection)

    /// True unless rejected.
    package var isApplied: Bool {
        if case .rejected = self { return false }
        return true
    }

    package var description: String {
        switch self {
        case .applied(let line, 0): "applied at line \(line + 1)"
        case .applied(let line, let offset): "applied at line \(line + 1) (offset \(offset > 0 ? "+" : "")\(offset))"
        case .appliedFuzzy(let line, let offset, let rung):
            "applied fuzzily at line \(line + 1) (\(rung.label)"
                + (offset == 0 ? ")" : ", offset \(offset > 0 ? "+" : "")\(offset))")
        case .rejected(let rejection): "rejected: \(rejection)"
        }
    }
}

/// Why a hunk was not applied, with the closest place it resembles when there is one.
package struct HunkRejection: Error, Hashable, Sendable, CustomStringConvertible {
    package var reason: String
    package var nearest: NearestMatch?

    package init(_ reason: String, nearest: NearestMatch? = nil) {
        self.reason = reason
        self.nearest = nearest
    }

    package var description: String {
        guard let nearest else { return self.reason }
        return
            "\(self.reason); nearest match at line \(nearest.line + 1) (\(nearest.percent)% similar, \(nearest.matchingLines) of \(nearest.totalLines) lines equal)"
    }
}

/// The window of a file that most resembles a hunk that could not be placed.
package struct NearestMatch: Hashable, Sendable {
    /// 0-based first line of the window.
    package var line: Int
    /// Character-level similarity in 0…1.
    package var similarity: Double
    package var matchingLines: Int
    package var totalLines: Int

    package init(line: Int, similarity: Double, matchingLines: Int, totalLines: Int) {
        self.line = line
        self.similarity = similarity
        self.matchingLines = matchingLines
        self.totalLines = totalLines
    }

    /// The similarity in whole percent.
    package var percent: Int { Int((self.similarity * 100).rounded()) }
}
