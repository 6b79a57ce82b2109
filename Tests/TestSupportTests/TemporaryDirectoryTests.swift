#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport
import Testing

@Suite("TemporaryDirectory")
struct TemporaryDirectoryTests {
    @Test("remove deletes nested files, empty directories and links without following them")
    func removesTree() throws {
        let outside = try TemporaryDirectory("outside")
        try outside.write("keep.txt", "kept")
        let path: String
        do {
            let directory = try TemporaryDirectory("tree")
            path = directory.path
            try directory.write("a/b/c.txt", "c")
            try directory.write("a/d.txt", "d")
            try FileSystem.createDirectories(directory.appending("empty/inner"))
            #expect(symlink(outside.path, directory.appending("a/link")) == 0)
            #expect(symlink(outside.appending("keep.txt"), directory.appending("file-link")) == 0)
            directory.remove()
            #expect(!FileSystem.exists(path))
        }
        #expect(try TestFiles.readText(outside.appending("keep.txt")) == "kept")
    }

    @Test("the directory goes away when the value does")
    func removedOnDeinit() throws {
        var directory: TemporaryDirectory? = try TemporaryDirectory("deinit")
        let path = try #require(directory).path
        try directory?.write("x/y.txt", "y")
        #expect(FileSystem.exists(path + "/x/y.txt"))
        directory = nil
        #expect(!FileSystem.exists(path))
    }
}
