import Testing

@testable import Inference

@Suite("Stop strings")
struct StopSequenceFilterTests {
    @Test("a stop string split across pieces is held back, then cut with everything after it")
    func splitStop() {
        var filter = StopSequenceFilter(stopStrings: ["<|end|>"])
        #expect(filter.push("Hello <|") == "Hello ")
        #expect(filter.push("en") == "")
        #expect(filter.push("d|> more") == "")
        #expect(filter.stopped && filter.matched == "<|end|>")
        #expect(filter.push("later") == "" && filter.finish() == "")
    }

    @Test("held text is released once it can no longer start a stop string")
    func falseAlarm() {
        var filter = StopSequenceFilter(stopStrings: ["STOP"])
        #expect(filter.push("go ST") == "go ")
        #expect(filter.push("ART") == "START")
        #expect(filter.push(" S") == " ")
        #expect(filter.finish() == "S")
        #expect(!filter.stopped)
    }

    @Test("the earliest of several stop strings wins and multi-scalar text is kept whole")
    func earliest() {
        var filter = StopSequenceFilter(stopStrings: ["world", "lo w"])
        #expect(filter.push("héllo, wörld hello world") == "héllo, wörld hel")
        #expect(filter.matched == "lo w")
        var none = StopSequenceFilter(stopStrings: [])
        #expect(none.push("anything 世界") == "anything 世界")
    }
}
