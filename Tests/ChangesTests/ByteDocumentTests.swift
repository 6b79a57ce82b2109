import Testing

@testable import Changes

@Suite("byte documents")
struct ByteDocumentTests {
    @Test(
        "decoding and encoding gives back the same bytes",
        arguments: [
            "plain\nlines\n", "no final newline", "crlf\r\nlines\r\n", "mixed\r\nendings\nhere\r\n", "", "\n\n",
            "lone\rcarriage return\n", "\u{FEFF}bom and text\n",
        ])
    func roundTrip(text: String) throws {
        let bytes = Array(text.utf8)
        let document = try #require(ByteDocument(decoding: bytes))
        #expect(document.encoded() == bytes)
    }

    @Test("UTF-16 files with a byte-order mark are edited as text and written back as UTF-16")
    func utf16() throws {
        let text = "héllo\r\nwörld\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let document = try #require(ByteDocument(decoding: bytes))
        #expect(document.encoding == .utf16LE)
        #expect(document.lines.map(\.content) == [Array("héllo".utf8), Array("wörld".utf8)])
        #expect(document.lines.map(\.ending) == [.crlf, .crlf])
        #expect(document.encoded() == bytes)
    }

    @Test("a NUL byte makes a file binary")
    func binary() {
        #expect(ByteDocument(decoding: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]) == nil)
    }

    @Test("the layout description names encoding, endings and the final newline")
    func layout() throws {
        let document = try #require(ByteDocument(decoding: Array("\u{FEFF}a\r\nb".utf8)))
        #expect(document.layoutDescription == "UTF-8 with BOM, CRLF, no final newline")
        #expect(document.encoding == .utf8BOM)
    }

    @Test("SHA-256 digests match the standard test vectors")
    func digest() {
        #expect(ContentDigest(of: []).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            ContentDigest(of: Array("abc".utf8)).hex
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(ContentDigest(of: long).hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
