import Testing
import Workspace

@Suite("Natural order")
struct NaturalOrderTests {
    @Test("numbers compare by value and letters ignore case")
    func ordering() {
        let names = ["file10.txt", "File2.txt", "file1.txt", "b", "A", "a", "file02.txt", "x-1", "x"]
        let sorted = names.sorted(by: NaturalOrder.less)
        #expect(sorted == ["A", "a", "b", "file1.txt", "File2.txt", "file02.txt", "file10.txt", "x", "x-1"])
    }

    @Test("the order is total: distinct names never compare equal")
    func total() {
        #expect(NaturalOrder.compare("a", "A") != 0)
        #expect(NaturalOrder.compare("1", "01") != 0)
        #expect(NaturalOrder.compare("same", "same") == 0)
    }
}
