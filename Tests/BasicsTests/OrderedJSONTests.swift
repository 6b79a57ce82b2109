import Basics
import Testing

@Suite("Order-preserving JSON parser")
struct OrderedJSONTests {
    private let python = OrderedJSON.ParseOptions(
        allowsNonFiniteNumbers: true, mergesRepeatedKeys: true, replacesLoneSurrogates: true)
    private let jsonc = OrderedJSON.ParseOptions(allowsComments: true, allowsTrailingCommas: true)

    private func parse(_ text: String, _ options: OrderedJSON.ParseOptions = .strict) throws(JSONSyntaxError) -> OrderedJSON {
        try OrderedJSON(parsing: text, options: options)
    }

    @Test("reads every kind of value, keeping member order and number literals")
    func values() throws {
        let value = try self.parse(#" {"z": [1, -2.5e3, 0.0, true, false, null], "a": {"s": "x"}, "e": {}, "l": []} "#)
        #expect(value.objectMembers?.map(\.key) == ["z", "a", "e", "l"])
        #expect(value["z"] == .array([.number("1"), .number("-2.5e3"), .number("0.0"), .bool(true), .bool(false), .null]))
        #expect(value["a"]?["s"]?.stringValue == "x")
        #expect(value["e"] == .object([]))
        #expect(value["l"]?.arrayValue == [])
        #expect(value["missing"] == nil)
        #expect(value["z"]?.arrayValue?.first?.integerValue == 1)
        #expect(value["z"]?.arrayValue?[3].boolValue == true)
        #expect(value["z"]?.kindName == "an array")
    }

    @Test("integer literals of any size are kept exactly")
    func bigIntegers() throws {
        let value = try self.parse("[12345678901234567890123456789, -9223372036854775809, 1E400]")
        #expect(value == .array([.number("12345678901234567890123456789"), .number("-9223372036854775809"), .number("1E400")]))
        #expect(value.arrayValue?.first?.integerValue == nil)
    }

    @Test("a repeated key is kept as written, or merged at its first place with the last value")
    func repeatedKeys() throws {
        let text = #"{"z": 1, "a": {"y": [], "x": {}}, "z": "last"}"#
        let kept = try self.parse(text)
        #expect(kept.objectMembers?.map(\.key) == ["z", "a", "z"])
        #expect(kept["z"] == .string("last"))
        let merged = try self.parse(text, self.python)
        #expect(merged.objectMembers?.map(\.key) == ["z", "a"])
        #expect(merged["z"] == .string("last"))
    }

    @Test("syntax errors say the line and column")
    func syntaxErrors() {
        #expect(throws: JSONSyntaxError(message: "expected a value", line: 2, column: 8)) {
            try self.parse("{\"a\": [1,\n  2, 3,,]}")
        }
        #expect(throws: JSONSyntaxError(message: "extra data after the value", line: 1, column: 4)) {
            try self.parse("{} x")
        }
        #expect(throws: JSONSyntaxError(message: "control character in a string", line: 1, column: 3)) {
            try self.parse("\"a\u{1}\"")
        }
        #expect(throws: JSONSyntaxError(message: "unterminated string", line: 1, column: 7)) {
            try self.parse("{\"a\": \"é…")
        }
        #expect(throws: JSONSyntaxError(message: "expected ':' after a member name", line: 3, column: 5)) {
            try self.parse("{\n\"a\": 1,\n\"b\" 2}")
        }
        #expect(throws: JSONSyntaxError(message: "invalid escape", line: 1, column: 3)) {
            try self.parse(#""a\x""#)
        }
        #expect(throws: JSONSyntaxError(message: "expected a value, found the end of the text", line: 1, column: 1)) {
            try self.parse("")
        }
        #expect(throws: JSONSyntaxError(message: "extra data after the value", line: 1, column: 2)) {
            try self.parse("01")
        }
        #expect(throws: JSONSyntaxError(message: "expected ',' or ']' in an array", line: 1, column: 3)) {
            try self.parse("[1.]")
        }
        #expect(throws: JSONSyntaxError.self) { try self.parse("-") }
        #expect(throws: JSONSyntaxError.self) { try self.parse("[1e]") }
        #expect(throws: JSONSyntaxError.self) { try self.parse("tru") }
        #expect(JSONSyntaxError(message: "m", line: 2, column: 3).description == "line 2, column 3: m")
    }

    @Test("truncated input is an error at the point it stops, never a crash")
    func truncated() throws {
        let document = #"{"model": {"vocab": {"a": 0, "\u00e9": 1}, "merges": [["a", "b"]]}, "x": [1.5, true, null]}"#
        let bytes = Array(document.utf8)
        #expect((try? OrderedJSON(parsing: bytes, options: .strict)) != nil)
        for length in 0..<bytes.count {
            #expect(throws: JSONSyntaxError.self) { try OrderedJSON(parsing: Array(bytes.prefix(length)), options: .strict) }
        }
        #expect(throws: JSONSyntaxError(message: "expected ',' or '}' in an object", line: 1, column: 9)) {
            try OrderedJSON(parsing: Array(#"{"a": 1 "#.utf8), options: .strict)
        }
    }

    @Test("ill-formed UTF-8 in a string is an error at the string")
    func invalidUTF8() {
        #expect(throws: JSONSyntaxError(message: "string is not valid UTF-8", line: 1, column: 2)) {
            try OrderedJSON(parsing: [0x5B, 0x22, 0x61, 0xC3, 0x28, 0x22, 0x5D], options: .strict)  // ["a\xC3(")]
        }
        #expect(throws: JSONSyntaxError(message: "string is not valid UTF-8", line: 1, column: 1)) {
            try OrderedJSON(parsing: [0x22, 0x5C, 0x6E, 0xFF, 0x22], options: .strict)  // "\n\xFF"
        }
        #expect(throws: JSONSyntaxError(message: "expected a value", line: 1, column: 1)) {
            try OrderedJSON(parsing: [0xFF], options: .strict)
        }
    }

    @Test("comments and trailing commas are accepted only when allowed")
    func commentsAndTrailingCommas() throws {
        let text = """
            // tsconfig
            {
              /* options */ "compilerOptions": { "strict": true, }, // note
              "files": ["a.ts", "b.ts",],
            }
            /* end */
            """
        let value = try self.parse(text, self.jsonc)
        #expect(value.objectMembers?.map(\.key) == ["compilerOptions", "files"])
        #expect(value["compilerOptions"]?["strict"] == .bool(true))
        #expect(value["files"] == .array([.string("a.ts"), .string("b.ts")]))
        #expect(try self.parse(#"{"url": "http://x/*y*/"}"#, self.jsonc)["url"] == .string("http://x/*y*/"))
        #expect(throws: JSONSyntaxError(message: "expected a value", line: 1, column: 1)) { try self.parse("// c\n1") }
        #expect(throws: JSONSyntaxError(message: "expected a value", line: 1, column: 4)) { try self.parse("[1,]") }
        #expect(throws: JSONSyntaxError(message: "expected a member name in double quotes", line: 1, column: 10)) {
            try self.parse(#"{"a": 1, }"#)
        }
        #expect(throws: JSONSyntaxError(message: "expected a value", line: 1, column: 2)) { try self.parse("[,]", self.jsonc) }
        #expect(throws: JSONSyntaxError(message: "expected ',' or ']' in an array", line: 1, column: 4)) {
            try self.parse("[1 2]", self.jsonc)
        }
    }

    @Test("NaN and Infinity are numbers only when allowed")
    func nonFiniteNumbers() throws {
        #expect(try self.parse("[NaN, Infinity, -Infinity]", self.python) == .array([.number("NaN"), .number("Infinity"), .number("-Infinity")]))
        #expect(throws: JSONSyntaxError(message: "expected a value", line: 1, column: 2)) { try self.parse("[NaN]") }
        #expect(throws: JSONSyntaxError(message: "expected a digit", line: 1, column: 3)) { try self.parse("[-Infinity]") }
    }

    @Test("nesting beyond the limit is an error, not a crash")
    func depth() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try self.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? self.parse(fine)) != nil)
        let limited = OrderedJSON.ParseOptions(maximumDepth: 3)
        #expect((try? self.parse("[[{}]]", limited)) != nil)
        #expect(throws: JSONSyntaxError(message: "nested more than 3 levels deep", line: 1, column: 4)) {
            try self.parse("[[[[]]]]", limited)
        }
    }

    @Test("escapes and surrogate pairs decode; a lone surrogate is an error or U+FFFD as asked")
    func escapes() throws {
        #expect(try self.parse(#""\ud83d\ude00 \u00e9 \/ \b\f\n\r\t\"\\""#) == .string("😀 é / \u{8}\u{C}\n\r\t\"\\"))
        #expect(try self.parse(#""\ud83d x""#, self.python) == .string("\u{FFFD} x"))
        #expect(try self.parse(#""\ud83d\u0041""#, self.python) == .string("\u{FFFD}A"))
        #expect(try self.parse(#""\ude00""#, self.python) == .string("\u{FFFD}"))
        #expect(throws: JSONSyntaxError(message: "unpaired surrogate escape", line: 1, column: 3)) {
            try self.parse(#""a\ud83d x""#)
        }
        #expect(throws: JSONSyntaxError(message: "unpaired surrogate escape", line: 1, column: 2)) {
            try self.parse(#""\ud83d\u0041""#)
        }
        #expect(throws: JSONSyntaxError(message: "expected four hex digits after \\u", line: 1, column: 6)) {
            try self.parse(#""\u12x4""#)
        }
    }
}

@Suite("JSON string literals")
struct OrderedJSONQuotingTests {
    @Test("quoting escapes as Python's json.dumps does and parses back to the same text")
    func quoting() throws {
        let text = "a\"b\\c\nd\re\tf\u{08}g\u{0C}h\u{01}i\u{1F}é😀"
        let quoted = OrderedJSON.quoted(text)
        #expect(quoted == #""a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fé😀""#)
        #expect(try OrderedJSON(parsing: quoted, options: .strict) == .string(text))
    }
}
