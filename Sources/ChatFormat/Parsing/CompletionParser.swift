import Basics

/// Parses generated text back into reasoning, content and tool calls, incrementally: fed text
/// deltas as they are generated, it returns reasoning deltas, content deltas and each tool call
/// as soon as its `</｜DSML｜invoke>` arrives — what an SSE stream needs.
///
/// The grammar is that of DeepSeek's reference parser (`encoding_dsv4.py`,
/// `parse_message_from_completion_text`): reasoning up to `</think>` (thinking mode), content up
/// to the end-of-sentence token or `\n\n<｜DSML｜tool_calls`, then
/// `>\n` + (`<｜DSML｜invoke name="N">\n` + (`<｜DSML｜parameter name="K" string="true|false">V</｜DSML｜parameter>\n`)*
/// + `</｜DSML｜invoke>\n`)* + `</｜DSML｜tool_calls>`. Arguments are rebuilt as the reference
/// does: `{"K": "V", "K2": V2}` with string values quoted and others written as given.
///
/// Where the reference raises, this parser degrades instead: reasoning ends at the
/// end-of-sentence token too; a tool-call block that breaks the grammar (or is cut off) becomes
/// content from where it stopped making sense — from the block's start, or from the end of the
/// last complete call — and no further blocks are parsed; text after the block becomes content.
///
/// Decisions depend only on the text, never on how it was split: text that might be the start
/// of a marker is held back until it is certain, so the events of any split concatenate to the
/// events of the whole text.
package struct CompletionParser: Sendable {
    /// What the parser recognised in the text fed so far.
    package enum Event: Sendable, Hashable {
        case reasoning(String)
        case content(String)
        case toolCall(ToolCall)
    }

    private enum Phase: Sendable {
        case reasoning
        case content
        /// After a broken tool-call block: only the end-of-sentence token ends the content.
        case plainContent
        /// After `</｜DSML｜tool_calls>`: leftover text is content.
        case afterToolCalls
        case blockGap
        case invokeName
        case parameter
        case parameterGap
        case done
    }

    private static let endOfSentence = Array(DeepSeekTokens.endOfSentence.utf8)
    private static let thinkEnd = Array(DeepSeekTokens.thinkEnd.utf8)
    private static let toolCallsMarker = Array(("\n\n<" + DeepSeekTokens.dsml + "tool_calls").utf8)
    private static let invokeOpen = Array(("<" + DeepSeekTokens.dsml + "invoke").utf8)
    private static let invokeClose = Array(("</" + DeepSeekTokens.dsml + "invoke").utf8)
    private static let parameterOpen = Array(("<" + DeepSeekTokens.dsml + "parameter").utf8)
    private static let parameterClose = Array(("/" + DeepSeekTokens.dsml + "parameter").utf8)
    private static let blockClose = Array(("</" + DeepSeekTokens.dsml + "tool_calls>").utf8)
    private static let gap = Array(">\n".utf8)
    private static let reasoningStops = [thinkEnd, toolCallsMarker, endOfSentence]
    private static let contentStops = [toolCallsMarker, endOfSentence]
    private static let plainStops = [endOfSentence]
    private static let blockGapFollowers = [invokeOpen, blockClose]
    private static let parameterGapFollowers = [parameterOpen, invokeClose]
    private static let invokeNameStops = [parameterOpen, invokeClose]
    private static let parameterStops = [parameterClose]

    private var phase: Phase
    /// Text not yet consumed, from `buffer[position]` on.
    private var buffer: [UInt8] = []
    private var position = 0
    /// Where a broken tool-call block restarts as content.
    private var rawStart = 0
    /// In tool phases: stop searches may start here (earlier bytes were searched already).
    private var searchFrom = 0
    private var callName = ""
    private var callArguments: [(key: String, value: String, isString: Bool)] = []
    /// True between a completed call and the next tag: a broken block then restarts as content
    /// after the call's closing `>` and newline.
    private var afterCall = false
    private var finished = false
    /// False for `ignore_eos`: the end-of-sentence token is dropped from the text like any
    /// special token, and what follows it is parsed as before.
    private let endOfSentenceEnds: Bool

    /// True once the end-of-sentence token was seen.
    package private(set) var sawEndOfSentence = false

    /// A parser for a completion that starts inside the reasoning (the prompt ended with
    /// `<think>`) or directly with the answer (it ended with `</think>`).
    package init(startsInReasoning: Bool, endOfSentenceEnds: Bool = true) {
        self.phase = startsInReasoning ? .reasoning : .content
        self.endOfSentenceEnds = endOfSentenceEnds
    }

    /// A parser for the completion of a prompt made in `mode` by `ChatEncoder` (thinking mode
    /// starts in the reasoning).
    package init(mode: ChatMode, endOfSentenceEnds: Bool = true) {
        self.init(startsInReasoning: mode == .thinking, endOfSentenceEnds: endOfSentenceEnds)
    }

    /// A parser for the completion of `prompt`: in the reasoning when the prompt ends with `<think>`.
    package init(prompt: String) {
        self.init(startsInReasoning: prompt.hasSuffix(DeepSeekTokens.thinkStart))
    }

    /// Parses a whole completion.
    package static func parse(_ text: String, startsInReasoning: Bool) -> ParsedCompletion {
        var parser = CompletionParser(startsInReasoning: startsInReasoning)
        var result = ParsedCompletion()
        for event in parser.feed(text) + parser.finish() {
            switch event {
            case .reasoning(let text): result.reasoning += text
            case .content(let text): result.content += text
            case .toolCall(let call): result.toolCalls.append(call)
            }
        }
        result.endedWithEndOfSentence = parser.sawEndOfSentence
        return result
    }

    /// Adds generated text; returns what became certain.
    package mutating func feed(_ text: String) -> [Event] {
        guard !self.finished else { return [] }
        if self.phase == .done { return [] }
        self.buffer.append(contentsOf: text.utf8)
        return self.run(final: false)
    }

    /// Ends the text: returns everything still held back (an unfinished tool-call block becomes
    /// content). Further input is ignored.
    package mutating func finish() -> [Event] {
        guard !self.finished else { return [] }
        defer { self.finished = true }
        return self.run(final: true)
    }

    // MARK: - The machine

    private mutating func run(final: Bool) -> [Event] {
        var events: [Event] = []
        while self.step(final: final, &events) {}
        if self.phase == .reasoning || self.phase == .content || self.phase == .plainContent
            || self.phase == .afterToolCalls || self.phase == .done
        {
            self.compact()
        }
        return events
    }

    /// Drops consumed bytes (only in text phases, where nothing before `position` is needed).
    private mutating func compact() {
        if self.phase == .done {
            self.buffer.removeAll()
            self.position = 0
        } else if self.position > 0 {
            self.buffer.removeFirst(self.position)
            self.position = 0
        }
    }

    /// Takes one step; returns false when more text is needed (or everything is done).
    private mutating func step(final: Bool, _ events: inout [Event]) -> Bool {
        switch self.phase {
        case .done:
            return false
        case .reasoning:
            return self.scanText(stops: Self.reasoningStops, final: final, &events) { .reasoning($0) } onStop: { parser, stop, start in
                switch stop {
                case 0: parser.phase = .content
                case 1: parser.enterBlock(at: start)
                default: parser.end()
                }
            }
        case .content:
            return self.scanText(stops: Self.contentStops, final: final, &events) {
                .content($0)
            } onStop: { parser, stop, start in
                if stop == 0 { parser.enterBlock(at: start) } else { parser.end() }
            }
        case .plainContent, .afterToolCalls:
            return self.scanText(stops: Self.plainStops, final: final, &events) { .content($0) } onStop: {
                parser, _, _ in parser.end()
            }
        case .blockGap:
            return self.expectGap(then: Self.blockGapFollowers, final: final) { parser, which in
                parser.afterCall = false
                if which == 0 {
                    parser.phase = .invokeName
                } else {
                    parser.phase = .afterToolCalls
                }
            }
        case .parameterGap:
            return self.expectGap(then: Self.parameterGapFollowers, final: final) { parser, which in
                if which == 0 {
                    parser.phase = .parameter
                } else {
                    parser.completeCall(&events)
                }
            }
        case .invokeName:
            return self.readInvokeName(final: final, &events)
        case .parameter:
            return self.readParameter(final: final)
        }
    }

    private mutating func end() {
        self.sawEndOfSentence = true
        if self.endOfSentenceEnds { self.phase = .done }
    }

    private mutating func enterBlock(at start: Int) {
        self.rawStart = start
        self.afterCall = false
        self.phase = .blockGap
        self.searchFrom = self.position
    }

    /// Gives up on the current tool-call block: its text from `rawStart` becomes content.
    private mutating func degrade() -> Bool {
        self.position = self.rawStart
        if self.afterCall {
            if self.position < self.buffer.count && self.buffer[self.position] == UInt8(ascii: ">") {
                self.position += 1
                if self.position < self.buffer.count && self.buffer[self.position] == UInt8(ascii: "\n") {
                    self.position += 1
                }
            }
        }
        self.phase = .plainContent
        return true
    }

    // MARK: - Text phases

    /// Emits text up to the earliest stop (or all that cannot start a stop), then calls `onStop`
    /// with the stop's index and start offset, `position` already past it.
    private mutating func scanText(
        stops: [[UInt8]],
        final: Bool,
        _ events: inout [Event],
        emit: (String) -> Event,
        onStop: (inout CompletionParser, Int, Int) -> Void
    ) -> Bool {
        let found = Self.earliest(stops, in: self.buffer, from: self.position)
        let held = final ? self.buffer.count : Self.heldBackStart(stops, in: self.buffer, from: self.position)
        if let found, found.offset < held {
            self.emitText(upTo: found.offset, emit, &events)
            self.position = found.offset + stops[found.stop].count
            onStop(&self, found.stop, found.offset)
            return true
        }
        self.emitText(upTo: held, emit, &events)
        return false
    }

    private mutating func emitText(upTo end: Int, _ emit: (String) -> Event, _ events: inout [Event]) {
        guard end > self.position else { return }
        let text = String(decoding: self.buffer[self.position..<end], as: UTF8.self)
        self.position = end
        // Coalesce with the previous delta of the same kind.
        switch (events.last, emit(text)) {
        case (.reasoning(let previous)?, .reasoning(let next)):
            events[events.count - 1] = .reasoning(previous + next)
        case (.content(let previous)?, .content(let next)):
            events[events.count - 1] = .content(previous + next)
        case (_, let event):
            events.append(event)
        }
    }

    // MARK: - Tool-call phases

    /// Expects `>\n` followed by one of `next`; calls `then` with its index, `position` past it.
    private mutating func expectGap(
        then next: [[UInt8]],
        final: Bool,
        _ then: (inout CompletionParser, Int) -> Void
    ) -> Bool {
        let available = self.buffer.count - self.position
        var couldStillMatch = false
        for (index, literal) in next.enumerated() {
            let full = Self.gap + literal
            if available >= full.count {
                if self.buffer[self.position..<(self.position + full.count)].elementsEqual(full) {
                    self.position += full.count
                    self.searchFrom = self.position
                    then(&self, index)
                    return true
                }
            } else if self.buffer[self.position...].elementsEqual(full[..<available]) {
                couldStillMatch = true
            }
        }
        if couldStillMatch && !final { return false }
        return self.degrade()
    }

    /// `name="N">\n` up to `<｜DSML｜parameter` or `</｜DSML｜invoke`.
    private mutating func readInvokeName(final: Bool, _ events: inout [Event]) -> Bool {
        guard let found = self.findInToolPhase(Self.invokeNameStops) else {
            if final || !Self.couldStart(self.buffer[self.position...], with: "name=\"", skippingWhitespace: true) {
                return self.degrade()
            }
            return false
        }
        let text = String(decoding: self.buffer[self.position..<found.offset], as: UTF8.self)
        guard let name = Self.invokeName(text) else { return self.degrade() }
        self.callName = name
        self.callArguments = []
        self.position = found.offset + (found.stop == 0 ? Self.parameterOpen.count : Self.invokeClose.count)
        self.searchFrom = self.position
        if found.stop == 0 {
            self.phase = .parameter
        } else {
            self.completeCall(&events)
        }
        return true
    }

    /// ` name="K" string="true|false">V<` up to `/｜DSML｜parameter`.
    private mutating func readParameter(final: Bool) -> Bool {
        guard let found = self.findInToolPhase(Self.parameterStops) else {
            if final || !Self.couldStart(self.buffer[self.position...], with: " name=\"", skippingWhitespace: false) {
                return self.degrade()
            }
            return false
        }
        let text = String(decoding: self.buffer[self.position..<found.offset], as: UTF8.self)
        guard let parameter = Self.parameter(text), !self.callArguments.contains(where: { $0.key == parameter.key }) else {
            return self.degrade()
        }
        self.callArguments.append(parameter)
        self.position = found.offset + Self.parameterClose.count
        self.searchFrom = self.position
        self.phase = .parameterGap
        return true
    }

    /// Emits the call read so far; a broken block after it restarts as content from here.
    private mutating func completeCall(_ events: inout [Event]) {
        let members = self.callArguments.map { argument in
            let value: String
            if argument.isString {
                value = JSONValue.pythonString(argument.value)
            } else if (try? JSONValue(parsing: argument.value)) != nil {
                value = argument.value
            } else {
                value = JSONValue.pythonString(argument.value)  // not JSON after all: keep it as text
            }
            return JSONValue.pythonString(argument.key) + ": " + value
        }
        events.append(.toolCall(ToolCall(name: self.callName, argumentsJSON: "{" + members.joined(separator: ", ") + "}")))
        self.callArguments = []
        self.rawStart = self.position
        self.afterCall = true
        self.phase = .blockGap
    }

    /// Finds the earliest of `stops` at or after `position`, resuming where the last search ended.
    private mutating func findInToolPhase(_ stops: [[UInt8]]) -> (offset: Int, stop: Int)? {
        let start = max(self.position, self.searchFrom)
        if let found = Self.earliest(stops, in: self.buffer, from: start) { return found }
        let longest = Self.longest(stops)
        self.searchFrom = max(self.position, self.buffer.count - longest + 1)
        return nil
    }

    // MARK: - Matching helpers

    /// The earliest complete occurrence of any stop at or after `from` (ties: the first listed).
    private static func earliest(_ stops: [[UInt8]], in buffer: [UInt8], from: Int) -> (offset: Int, stop: Int)? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes -> (offset: Int, stop: Int)? in
            for offset in from..<bytes.count {
                let byte = bytes[offset]
                for (index, stop) in stops.enumerated() where byte == stop[0] && offset + stop.count <= bytes.count {
                    if Self.matches(stop, bytes, at: offset, count: stop.count) { return (offset, index) }
                }
            }
            return nil
        }
    }

    /// The first offset at or after `from` whose remaining bytes are a proper prefix of a stop
    /// (text from there on might still become a stop), or the buffer's end.
    private static func heldBackStart(_ stops: [[UInt8]], in buffer: [UInt8], from: Int) -> Int {
        let longest = Self.longest(stops)
        let first = max(from, buffer.count - longest + 1)
        guard first < buffer.count else { return buffer.count }
        return buffer.withUnsafeBufferPointer { bytes in
            for offset in first..<bytes.count {
                let remaining = bytes.count - offset
                for stop in stops where bytes[offset] == stop[0] && remaining < stop.count {
                    if Self.matches(stop, bytes, at: offset, count: remaining) { return offset }
                }
            }
            return bytes.count
        }
    }

    /// The length of the longest stop.
    @inline(__always)
    private static func longest(_ stops: [[UInt8]]) -> Int {
        var result = 1
        for stop in stops where stop.count > result { result = stop.count }
        return result
    }

    /// True when the first `count` bytes of `stop` equal `bytes[offset...]`.
    @inline(__always)
    private static func matches(_ stop: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, count: Int) -> Bool {
        for index in 0..<count where bytes[offset + index] != stop[index] { return false }
        return true
    }

    /// True when `bytes` (after optional whitespace) are a prefix of `literal` or start with it.
    /// Looks only at the leading whitespace and `literal.count` bytes after it.
    private static func couldStart(_ bytes: ArraySlice<UInt8>, with literal: String, skippingWhitespace: Bool) -> Bool {
        var index = bytes.startIndex
        if skippingWhitespace {
            var iterator = bytes.makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            scanning: while case .valid(let encoded) = parser.parseScalar(from: &iterator) {
                guard Self.isPythonWhitespace(Unicode.UTF8.decode(encoded)) else { break scanning }
                index += encoded.count
            }
        }
        let expected = Array(literal.utf8)
        let count = min(bytes.endIndex - index, expected.count)
        return bytes[index..<(index + count)].elementsEqual(expected[..<count])
    }

    /// Python's `\s` for `str` patterns (`str.isspace`).
    private static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    /// The name in `^\s*name="(.*?)">\n$` (Python `re`, DOTALL; `$` also matches before a final
    /// newline, and the lazy group takes the earlier of the two possible ends).
    static func invokeName(_ text: String) -> String? {
        let trimmed = Substring(text).drop { $0.unicodeScalars.allSatisfy(Self.isPythonWhitespace) }
        guard trimmed.hasPrefix("name=\"") else { return nil }
        let rest = trimmed.dropFirst(6)
        for ending in ["\">\n\n", "\">\n"] where rest.hasSuffix(ending) {
            let utf8 = rest.utf8
            return String(Substring(utf8.prefix(utf8.count - ending.utf8.count)))
        }
        return nil
    }

    /// Key, value and string flag of `^ name="(.*?)" string="(true|false)">(.*?)<$` (DOTALL).
    static func parameter(_ text: String) -> (key: String, value: String, isString: Bool)? {
        guard text.hasPrefix(" name=\"") else { return nil }
        let rest = Substring(text).dropFirst(7)
        let markers = ["\" string=\"true\">", "\" string=\"false\">"]
        let hits = markers.enumerated().compactMap { index, marker in rest.firstRange(of: marker).map { ($0, index == 0) } }
        guard let (range, isString) = hits.min(by: { $0.0.lowerBound < $1.0.lowerBound }) else { return nil }
        let value = rest[range.upperBound...]
        for ending in ["<\n", "<"] where value.hasSuffix(ending) {
            let utf8 = value.utf8
            return (String(rest[..<range.lowerBound]), String(Substring(utf8.prefix(utf8.count - ending.utf8.count))), isString)
        }
        return nil
    }
}
