import ChatFormat
import Testing

/// Feeds `pieces` one after another and collects the result as `parse` would.
private func parsePieces(_ pieces: [String], startsInReasoning: Bool) -> ParsedCompletion {
    var parser = CompletionParser(startsInReasoning: startsInReasoning)
    var result = ParsedCompletion()
    for event in pieces.flatMap({ parser.feed($0) }) + parser.finish() {
        switch event {
        case .reasoning(let text): result.reasoning += text
        case .content(let text): result.content += text
        case .toolCall(let call): result.toolCalls.append(call)
        }
    }
    result.endedWithEndOfSentence = parser.sawEndOfSentence
    return result
}

/// Splits `text` at scalar offset `offset`.
private func split(_ text: String, at offset: Int) -> [String] {
    let scalars = Array(text.unicodeScalars)
    var first = String.UnicodeScalarView()
    first.append(contentsOf: scalars[..<offset])
    var second = String.UnicodeScalarView()
    second.append(contentsOf: scalars[offset...])
    return [String(first), String(second)]
}

private let dsml = DeepSeekTokens.dsml
private let eos = DeepSeekTokens.endOfSentence

@Suite("Completion parser")
struct CompletionParserTests {
    // MARK: - The fixture README's expectations

    @Test("case 1: the first turn is reasoning, empty content and one get_weather call")
    func case1FirstTurn() throws {
        let item = try ChatFixtures.load(1)
        let turns = ChatFixtures.completions(in: item.expected, mode: .thinking)
        #expect(turns.count == 2)
        let parsed = CompletionParser.parse(try #require(turns.first), startsInReasoning: true)
        #expect(parsed.reasoning == "The user wants to know the weather in Beijing. I should use the get_weather tool.")
        #expect(parsed.content == "")
        #expect(parsed.toolCalls == [ToolCall(name: "get_weather", argumentsJSON: "{\"location\": \"Beijing\", \"unit\": \"celsius\"}")])
        #expect(parsed.endedWithEndOfSentence)
    }

    @Test("case 1: the last turn is reasoning and an answer about 22°C without calls")
    func case1LastTurn() throws {
        let item = try ChatFixtures.load(1)
        let parsed = CompletionParser.parse(try #require(ChatFixtures.completions(in: item.expected, mode: .thinking).last), startsInReasoning: true)
        #expect(parsed.reasoning == "Got the weather data. Let me format a nice response.")
        #expect(parsed.content.contains("22°C"))
        #expect(parsed.toolCalls.isEmpty)
    }

    @Test("case 2: the last turn is reasoning and content about Paris")
    func case2LastTurn() throws {
        let item = try ChatFixtures.load(2)
        let parsed = CompletionParser.parse(try #require(ChatFixtures.completions(in: item.expected, mode: .thinking).last), startsInReasoning: true)
        #expect(parsed.reasoning == "The user asks about the capital of France. It is Paris.")
        #expect(parsed.content == "The capital of France is Paris.")
        #expect(parsed.toolCalls.isEmpty)
    }

    @Test("case 3: the tool call's Chinese argument comes back intact")
    func case3ToolCall() throws {
        let item = try ChatFixtures.load(3)
        let parsed = CompletionParser.parse(try #require(ChatFixtures.completions(in: item.expected, mode: .thinking).first), startsInReasoning: true)
        #expect(parsed.toolCalls == [ToolCall(name: "search", argumentsJSON: "{\"queries\": \"小柴胡冲剂 布洛芬 相互作用 一起吃\"}")])
    }

    // MARK: - Streaming

    @Test("streaming equals whole-text parsing at every split point of every fixture completion", arguments: 1...4)
    func everySplitPoint(number: Int) throws {
        let item = try ChatFixtures.load(number)
        let completions = ChatFixtures.completions(in: item.expected, mode: item.mode)
        #expect(!completions.isEmpty)
        for completion in completions {
            let whole = CompletionParser.parse(completion, startsInReasoning: item.mode == .thinking)
            for offset in 0...completion.unicodeScalars.count {
                let streamed = parsePieces(split(completion, at: offset), startsInReasoning: item.mode == .thinking)
                #expect(streamed == whole, "split at \(offset)")
                if streamed != whole { return }
            }
            let oneByOne = completion.unicodeScalars.map { String($0) }
            #expect(parsePieces(oneByOne, startsInReasoning: item.mode == .thinking) == whole)
        }
    }

    @Test("reasoning and content arrive as deltas before the turn ends, and a call as soon as it closes")
    func incrementalEvents() {
        var parser = CompletionParser(startsInReasoning: true)
        #expect(parser.feed("Think") == [.reasoning("Think")])
        #expect(parser.feed("ing</thi") == [.reasoning("ing")])
        #expect(parser.feed("nk>Answer\n") == [.content("Answer")])
        #expect(parser.feed("\n<\(dsml)tool_calls>\n<\(dsml)invoke name=\"f\">\n") == [])
        let call = "<\(dsml)parameter name=\"n\" string=\"false\">3</\(dsml)parameter>\n</\(dsml)invoke>"
        #expect(parser.feed(call) == [.toolCall(ToolCall(name: "f", argumentsJSON: "{\"n\": 3}"))])
        #expect(parser.feed("\n</\(dsml)tool_calls>" + eos + "ignored") == [])
        #expect(parser.finish() == [])
        #expect(parser.sawEndOfSentence)
    }

    @Test("with ignore_eos the end-of-sentence token is dropped and the text goes on in the same phase")
    func endOfSentenceIgnored() {
        var parser = CompletionParser(startsInReasoning: true, endOfSentenceEnds: false)
        #expect(parser.feed("Think" + eos + "ing</think>Answer") == [.reasoning("Thinking"), .content("Answer")])
        #expect(parser.feed(eos) == [])
        #expect(parser.feed(" and more" + eos + "!") == [.content(" and more!")])
        #expect(parser.finish() == [])
        #expect(parser.sawEndOfSentence)
        // The same text ends at the first end-of-sentence token by default.
        var ending = CompletionParser(startsInReasoning: false)
        #expect(ending.feed("Answer" + eos + " and more") == [.content("Answer")])
        #expect(ending.finish() == [])
    }

    @Test("text that may start a marker is held back until it cannot")
    func heldBack() {
        var parser = CompletionParser(startsInReasoning: false)
        #expect(parser.feed("a <") == [.content("a ")])
        #expect(parser.feed("b") == [.content("<b")])
        #expect(parser.feed("\n\n") == [])
        #expect(parser.finish() == [.content("\n\n")])
    }

    // MARK: - Encoding round trip

    @Test("an encoded assistant turn parses back to what was encoded")
    func roundTrip() throws {
        let calls = [
            ToolCall(name: "edit", argumentsJSON: "{\"path\": \"src/a.ts\", \"line\": 12, \"flags\": [\"x\", true], \"text\": \"a\\n\\\"b\\\"\"}"),
            ToolCall(name: "noArguments", argumentsJSON: "{}"),
        ]
        for mode in [ChatMode.thinking, .chat] {
            let prompt = ChatEncoder.encode(
                messages: [.user("go"), .assistant(content: "Editing.", reasoning: "plan", toolCalls: calls)],
                mode: mode, dropThinking: false)
            let completion = try #require(ChatFixtures.completions(in: prompt, mode: mode).first)
            let parsed = CompletionParser.parse(completion, startsInReasoning: mode == .thinking)
            #expect(parsed.reasoning == (mode == .thinking ? "plan" : ""))
            #expect(parsed.content == "Editing.")
            #expect(parsed.toolCalls == calls.map { ToolCall(name: $0.name, argumentsJSON: $0.argumentsJSON) })
        }
    }

    // MARK: - Malformed DSML

    static let malformed: [(name: String, text: String, calls: Int, content: String)] = {
        let open = "Let me look.\n\n<\(dsml)tool_calls>\n"
        let good = "<\(dsml)invoke name=\"f\">\n<\(dsml)parameter name=\"a\" string=\"true\">x</\(dsml)parameter>\n</\(dsml)invoke>\n"
        return [
            ("misspelled attribute", open + "<\(dsml)invoke nam=\"f\">\n</\(dsml)invoke>\n</\(dsml)tool_calls>" + eos, 0,
             open + "<\(dsml)invoke nam=\"f\">\n</\(dsml)invoke>\n</\(dsml)tool_calls>"),
            ("cut off inside a parameter", open + "<\(dsml)invoke name=\"f\">\n<\(dsml)parameter name=\"a\" string=\"true\">ha", 0,
             open + "<\(dsml)invoke name=\"f\">\n<\(dsml)parameter name=\"a\" string=\"true\">ha"),
            ("garbage after a good call", open + good + "oops" + eos, 1, "Let me look.oops"),
            ("a good call cut off after its closing tag", open + good.dropLast(2), 1, "Let me look."),
            ("bad string flag", open + "<\(dsml)invoke name=\"f\">\n<\(dsml)parameter name=\"a\" string=\"maybe\">x</\(dsml)parameter>\n</\(dsml)invoke>\n</\(dsml)tool_calls>", 0,
             open + "<\(dsml)invoke name=\"f\">\n<\(dsml)parameter name=\"a\" string=\"maybe\">x</\(dsml)parameter>\n</\(dsml)invoke>\n</\(dsml)tool_calls>"),
            ("duplicate parameter", open + "<\(dsml)invoke name=\"f\">\n<\(dsml)parameter name=\"a\" string=\"true\">1</\(dsml)parameter>\n<\(dsml)parameter name=\"a\" string=\"true\">2</\(dsml)parameter>\n</\(dsml)invoke>\n</\(dsml)tool_calls>" + eos, 0,
             open + "<\(dsml)invoke name=\"f\">\n<\(dsml)parameter name=\"a\" string=\"true\">1</\(dsml)parameter>\n<\(dsml)parameter name=\"a\" string=\"true\">2</\(dsml)parameter>\n</\(dsml)invoke>\n</\(dsml)tool_calls>"),
            ("missing newline after the block tag", "\n\n<\(dsml)tool_calls><\(dsml)invoke name=\"f\">\n", 0,
             "\n\n<\(dsml)tool_calls><\(dsml)invoke name=\"f\">\n"),
        ]
    }()

    @Test("malformed DSML degrades to content, the same at every split point")
    func malformedDegrades() {
        for sample in Self.malformed {
            let whole = CompletionParser.parse(sample.text, startsInReasoning: false)
            #expect(whole.toolCalls.count == sample.calls, "\(sample.name)")
            #expect(whole.content == sample.content, "\(sample.name)")
            for offset in 0...sample.text.unicodeScalars.count {
                #expect(parsePieces(split(sample.text, at: offset), startsInReasoning: false) == whole, "\(sample.name) split at \(offset)")
            }
        }
    }

    @Test("text after the tool-call block and non-JSON values are kept, not lost")
    func lenientLeftovers() {
        let text = "\n\n<\(dsml)tool_calls>\n<\(dsml)invoke name=\"f\">\n<\(dsml)parameter name=\"n\" string=\"false\">not json</\(dsml)parameter>\n</\(dsml)invoke>\n</\(dsml)tool_calls> trailing" + eos
        let parsed = CompletionParser.parse(text, startsInReasoning: false)
        #expect(parsed.toolCalls == [ToolCall(name: "f", argumentsJSON: "{\"n\": \"not json\"}")])
        #expect(parsed.content == " trailing")
    }

    @Test("a reasoning turn cut off before </think> is all reasoning")
    func truncatedReasoning() {
        let parsed = CompletionParser.parse("still thinking <", startsInReasoning: true)
        #expect(parsed == ParsedCompletion(reasoning: "still thinking <"))
        var thinking = CompletionParser(prompt: "…<｜Assistant｜><think>")
        #expect(thinking.feed("x") == [.reasoning("x")])
        var chat = CompletionParser(prompt: "…<｜Assistant｜></think>")
        #expect(chat.feed("x") == [.content("x")])
    }
}
