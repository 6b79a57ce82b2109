import ChatFormat
import Testing

@Suite("Chat encoder")
struct ChatEncoderTests {
    @Test("reproduces the four chat-encoding fixtures byte for byte", arguments: 1...4)
    func fixture(number: Int) throws {
        let item = try ChatFixtures.load(number)
        let prompt = ChatEncoder.encode(messages: item.messages, tools: item.tools, mode: item.mode)
        if prompt != item.expected {
            let got = Array(prompt.utf8)
            let want = Array(item.expected.utf8)
            let first = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
            let context = { (bytes: [UInt8]) in
                String(decoding: bytes[max(0, first - 60)..<min(bytes.count, first + 60)], as: UTF8.self).debugDescription
            }
            Issue.record("case \(number) differs at byte \(first):\n  expected …\(context(want))…\n  got      …\(context(got))…")
        }
    }
}
