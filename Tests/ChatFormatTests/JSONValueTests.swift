import Basics
import ChatFormat
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test("serializes as Python's json.dumps(ensure_ascii=False) after json.loads")
    func pythonSerialization() throws {
        // Expected text produced by CPython 3.11 json.loads / json.dumps on the same input.
        let input = #"{"b": 1, "a": [1.0, 2.50, 1e5, -0, 1E-7, 12345678901234567890, true, null, "\u00e9\n\u0001\"\\/\u2028"], "b": 2}"#
        let expected = "{\"b\": 2, \"a\": [1.0, 2.5, 100000.0, 0, 1e-07, 12345678901234567890, true, null, \"é\\n\\u0001\\\"\\\\/\u{2028}\"]}"
        #expect(try JSONValue(parsing: input).pythonJSON == expected)
    }

    @Test("numbers print as Python's repr(float)", arguments: [
        ("0.1", "0.1"), ("1e16", "1e+16"), ("1e15", "1000000000000000.0"), ("123.456e-10", "1.23456e-08"),
        ("9007199254740993.0", "9007199254740992.0"), ("1.5e+300", "1.5e+300"), ("-2.5e-5", "-2.5e-05"),
        ("0.00012", "0.00012"), ("5e-324", "5e-324"), ("1.7976931348623157e308", "1.7976931348623157e+308"),
        ("100.0", "100.0"), ("1234567890123456789.0", "1.2345678901234568e+18"), ("0.000", "0.0"), ("-0.0", "-0.0"),
        ("1e400", "Infinity"), ("-524070.74581621727e4", "-5240707458.162172"),
        ("-739154.4078297145e28", "-7.391544078297145e+33"), ("207840.07719238894e10", "2078400771923889.5"),
        ("161704.1687001118e8", "16170416870011.18"), ("-61535.324761956814e5", "-6153532476.195682"),
    ])
    func pythonFloats(literal: String, python: String) throws {
        // Pairs from CPython 3.11: json.dumps(json.loads(literal)).
        #expect(try JSONValue(parsing: literal).pythonJSON == python)
    }

    @Test("member order is kept and a repeated key keeps its first place with the last value")
    func order() throws {
        let value = try JSONValue(parsing: #"{"z": 1, "a": {"y": [], "x": {}}, "z": "last"}"#)
        #expect(value.objectMembers?.map(\.key) == ["z", "a"])
        #expect(value["z"] == .string("last"))
        #expect(value.pythonJSON == #"{"z": "last", "a": {"y": [], "x": {}}}"#)
    }

    @Test("NaN and Infinity are read and written as Python does, and a syntax error says where")
    func pythonLiterals() throws {
        #expect(try JSONValue(parsing: "[NaN, Infinity, -Infinity]").pythonJSON == "[NaN, Infinity, -Infinity]")
        #expect(throws: JSONSyntaxError(message: "expected ',' or ']' in an array", line: 1, column: 3)) {
            try JSONValue(parsing: Array("[1.]".utf8))
        }
    }

    @Test("escapes and surrogate pairs decode")
    func escapes() throws {
        #expect(try JSONValue(parsing: #""\ud83d\ude00 \u00e9 \/ \b""#) == .string("😀 é / \u{8}"))
        #expect(try JSONValue(parsing: #""\ud83d x""#) == .string("\u{FFFD} x"))
    }
}
