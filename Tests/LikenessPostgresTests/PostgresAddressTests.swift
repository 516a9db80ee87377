import LikenessCatalog
import LikenessPostgres
import Testing

@Suite struct PostgresAddressTests {
    @Test("a full URL parses, with %-escapes, and prints without its password")
    func parses() throws {
        let address = try PostgresAddress(parsing: "postgres://likeness:s%40cret@db.example:6543/photos%20archive")
        #expect(address == PostgresAddress(host: "db.example", port: 6543, user: "likeness", password: "s@cret", database: "photos archive"))
        #expect(address.description == "postgres://likeness:***@db.example:6543/photos%20archive")
        #expect(!address.description.contains("cret"))
        let plain = try PostgresAddress(parsing: "postgresql://me@127.0.0.1/db")
        #expect(plain.port == 5432 && plain.password == nil && plain.description == "postgres://me@127.0.0.1:5432/db")
    }

    @Test("only postgres:// and postgresql:// name a shared catalog")
    func recognises() {
        #expect(PostgresAddress.isAddress("postgres://u@h/d"))
        #expect(PostgresAddress.isAddress("PostgreSQL://u@h/d"))
        #expect(!PostgresAddress.isAddress("/home/me/catalog.sqlite"))
        #expect(!PostgresAddress.isAddress("postgres.sqlite"))
        #expect(!PostgresAddress.isAddress("mysql://u@h/d"))
    }

    @Test("a bad URL is a typed error that says what is wrong and never shows the password",
          arguments: [
            ("postgres://h/db", "no user"),
            ("postgres://u:pw@/db", "no host"),
            ("postgres://u:pw@h", "one database name"),
            ("postgres://u:pw@h/a/b", "one database name"),
            ("postgres://u:pw@h:0/db", "port 0"),
            ("postgres://u:pw@h/db?sslmode=sometimes", "sslmode must be"),
            ("mysql://u:pw@h/db", "scheme"),
          ])
    func refuses(url: String, reason: String) {
        #expect {
            try PostgresAddress(parsing: url)
        } throws: { error in
            guard case CatalogError.invalidAddress(let shown, let why) = error else { return false }
            return why.contains(reason) && !shown.contains("pw") && !"\(error)".contains(":pw@")
        }
    }
}
