/// Incremental highlighting for a viewer: remembers the lexer state at the start of every line
/// lexed so far, so drawing lines 5000–5040 lexes only those lines once the states up to 5000
/// are known, and an edit re-lexes only until the carried state matches what it was before.
package struct HighlightCache: Sendable {
    /// The highlighter in use.
    package let highlighter: Highlighter
    /// `startStates[i]` is the state at the start of line `i`; always at least one entry.
    private var startStates: [LexerState] = [.initial]

    package init(language: Language) {
        self.highlighter = Highlighter(language: language)
    }

    /// How many line start states are known.
    package var knownLines: Int { self.startStates.count }

    /// Tokens for `range` of `lines`, lexing (and remembering states) from the last known line.
    /// - Complexity: O(lines between the last known state and `range.upperBound`).
    package mutating func tokens(for range: Range<Int>, in lines: [String]) -> [[HighlightToken]] {
        let upper = min(range.upperBound, lines.count)
        guard range.lowerBound < upper else { return [] }
        self.advance(to: range.lowerBound, in: lines)
        var result: [[HighlightToken]] = []
        result.reserveCapacity(upper - range.lowerBound)
        var state = self.startStates[range.lowerBound]
        for index in range.lowerBound..<upper {
            let (tokens, next) = self.highlighter.highlight(lines[index], state: state)
            result.append(tokens)
            state = next
            if index + 1 == self.startStates.count { self.startStates.append(next) }
        }
        return result
    }

    /// The state at the start of line `index` (lexing up to it as needed).
    package mutating func startState(ofLine index: Int, in lines: [String]) -> LexerState {
        self.advance(to: min(index, lines.count), in: lines)
        return self.startStates[min(index, self.startStates.count - 1)]
    }

    /// Forgets states after `line` (call when lines from `line` on were replaced, inserted or
    /// removed).
    package mutating func invalidate(from line: Int) {
        let keep = max(1, min(self.startStates.count, line + 1))
        self.startStates.removeSubrange(keep...)
    }

    /// After line `line` was edited in place (same line count), re-lexes forward until the
    /// carried state equals the remembered one. Returns the index of the last line whose
    /// colours may have changed.
    package mutating func lineEdited(_ line: Int, in lines: [String]) -> Int {
        guard line < self.startStates.count, line < lines.count else { return line }
        var state = self.startStates[line]
        var index = line
        while index < lines.count {
            state = self.highlighter.highlight(lines[index], state: state).state
            index += 1
            if index < self.startStates.count {
                if self.startStates[index] == state { return index - 1 }
                self.startStates[index] = state
            } else {
                self.startStates.append(state)
                return index - 1
            }
        }
        return lines.count - 1
    }

    private mutating func advance(to line: Int, in lines: [String]) {
        while self.startStates.count <= line && self.startStates.count - 1 < lines.count {
            let index = self.startStates.count - 1
            let next = self.highlighter.highlight(lines[index], state: self.startStates[index]).state
            self.startStates.append(next)
        }
    }
}
