// Test vectors carried over as data from pypa/packaging tests/test_requirements.py
// (https://github.com/pypa/packaging, dual licensed Apache-2.0 / BSD-2-Clause).
// Generated from the test module's parametrize lists and error assertions; do not edit by hand.

enum RequirementVectors {
    /// `test_basic_valid_requirement_parsing`: names
    static let names: [String] = [
        "package",
        "pAcKaGe",
        "Package",
        "foo-bar.quux_bAz",
        "installer",
        "android12",
    ]

    /// `test_basic_valid_requirement_parsing`: extras
    static let extraSets: [[String]] = [
        [],
        ["a"],
        ["a", "b"],
        ["B", "CDEF123", "a"],
    ]

    /// `test_basic_valid_requirement_parsing`: (url, specifier); `{ws}` stands for the whitespace
    static let urlsAndSpecifiers: [(String?, String)] = [
        (nil, ""),
        ("https://example.com/packagename.zip", ""),
        ("ssh://user:pass%20word@example.com/packagename.zip", ""),
        ("https://example.com/name;v=1.1/?query=foo&bar=baz#blah", ""),
        ("git+ssh://git.example.com/MyProject", ""),
        ("git+ssh://git@github.com:pypa/packaging.git", ""),
        ("git+https://git.example.com/MyProject.git@master", ""),
        ("git+https://git.example.com/MyProject.git@v1.0", ""),
        ("git+https://git.example.com/MyProject.git@refs/pull/123/head", ""),
        ("gopher:/foo/com", ""),
        (nil, "==={ws}arbitrarystring"),
        (nil, "({ws}==={ws}arbitrarystring{ws})"),
        (nil, "=={ws}1.0"),
        (nil, "({ws}=={ws}1.0{ws})"),
        (nil, "=={ws}1.0-alpha"),
        (nil, "<={ws}1!3.0.0.rc2"),
        (nil, ">{ws}2.2{ws},{ws}<{ws}3"),
        (nil, "(>{ws}2.2{ws},{ws}<{ws}3)"),
    ]

    /// `test_basic_valid_requirement_parsing`: markers; `{ws}` stands for the whitespace
    static let markers: [String?] = [
        nil,
        "python_version{ws}>={ws}'3.3'",
        "({ws}python_version{ws}>={ws}\"3.4\"{ws}){ws}and extra{ws}=={ws}\"oursql\"",
        "sys_platform{ws}!={ws}'linux' and(os_name{ws}=={ws}'linux' or python_version{ws}>={ws}'3.3'{ws}){ws}",
    ]

    /// `test_basic_valid_requirement_parsing`: whitespace
    static let whitespaces: [String] = [
        "",
        " ",
        "\t",
    ]

    /// `test_normalized_requirements`
    static let normalized: [(String, String)] = [
        ("mariadb>=1.0.1; extra == \"mariadb_connector\"", "mariadb>=1.0.1; extra == \"mariadb-connector\""),
        ("mariadb>=1.0.1; python_version >= \"3\" and extra == \"mariadb_connector\"", "mariadb>=1.0.1; python_version >= \"3\" and extra == \"mariadb-connector\""),
    ]

    /// `test_valid_marker`: each follows "name; "
    static let validMarkers: [String] = [
        "python_implementation == ''",
        "platform_python_implementation == ''",
        "os.name == 'linux'",
        "os_name == 'linux'",
        "'8' in platform.version",
        "'8' not in platform.version",
    ]

    /// `test_file_url`
    static let fileURLs: [String] = [
        "file:///absolute/path",
        "file://.",
        "file:.",
        "file:/.",
    ]

    /// `test_trailing_horizontal_whitespace`
    static let trailingWhitespace: [String] = [
        " ",
        "\t",
        " \t",
    ]

    /// The `test_error_*` cases of `TestRequirementParsing`: (requirement, packaging's full message)
    static let syntaxErrors: [(String, String)] = [
        ("name>=1\n", "Expected comma (within version specifier), semicolon (after version specifier) or end\n    name>=1\n\n        ~~~^"),
        ("name>=1\r", "Expected comma (within version specifier), semicolon (after version specifier) or end\n    name>=1\r\n        ~~~^"),
        ("name>=1\r\n", "Expected comma (within version specifier), semicolon (after version specifier) or end\n    name>=1\r\n\n        ~~~^"),
        ("name; python_version >= \"3\"\n", "Expected end of dependency specifier\n    name; python_version >= \"3\"\n\n                               ^"),
        ("name; python_version >= \"3\"\r", "Expected end of dependency specifier\n    name; python_version >= \"3\"\r\n                               ^"),
        ("name; python_version >= \"3\"\r\n", "Expected end of dependency specifier\n    name; python_version >= \"3\"\r\n\n                               ^"),
        ("", "Expected package name at the start of dependency specifier\n    \n    ^"),
        ("==0.0", "Expected package name at the start of dependency specifier\n    ==0.0\n    ^"),
        ("name[bar baz]", "Expected comma between extra names\n    name[bar baz]\n             ^"),
        ("name[bar, baz,]", "Expected extra name after comma\n    name[bar, baz,]\n                  ^"),
        ("name (>= 1.0", "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier\n    name (>= 1.0\n         ~~~~~~~^"),
        ("black (>=20.*) ; extra == 'format'", ".* suffix can only be used with `==` or `!=` operators\n    black (>=20.*) ; extra == 'format'\n           ~~~~~^"),
        ("name == 1.2.3.post4.*", ".* suffix cannot be used with pre-release, post-release, dev or local versions\n    name == 1.2.3.post4.*\n         ~~~~~~~~~~~~~~~^"),
        ("name != 1.2.3.post4.*", ".* suffix cannot be used with pre-release, post-release, dev or local versions\n    name != 1.2.3.post4.*\n         ~~~~~~~~~~~~~~~^"),
        ("name==1.2.3.post4.*", ".* suffix cannot be used with pre-release, post-release, dev or local versions\n    name==1.2.3.post4.*\n        ~~~~~~~~~~~~~~^"),
        ("name >= 1.0+local.version.label", "Local version label can only be used with `==` or `!=` operators\n    name >= 1.0+local.version.label\n         ~~~~~~^"),
        ("name <= 1.0+local.version.label", "Local version label can only be used with `==` or `!=` operators\n    name <= 1.0+local.version.label\n         ~~~~~~^"),
        ("name > 1.0+local.version.label", "Local version label can only be used with `==` or `!=` operators\n    name > 1.0+local.version.label\n         ~~~~~^"),
        ("name < 1.0+local.version.label", "Local version label can only be used with `==` or `!=` operators\n    name < 1.0+local.version.label\n         ~~~~~^"),
        ("name ~= 1.0+local.version.label", "Local version label can only be used with `==` or `!=` operators\n    name ~= 1.0+local.version.label\n         ~~~~~~^"),
        ("name[bar, baz >= 1.0", "Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras\n    name[bar, baz >= 1.0\n        ~~~~~~~~~~^"),
        ("name[bar, baz", "Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras\n    name[bar, baz\n        ~~~~~~~~~^"),
        ("name @ https://example.com/; extra == 'example'", "Expected semicolon (after URL and whitespace) or end\n    name @ https://example.com/; extra == 'example'\n           ~~~~~~~~~~~~~~~~~~~~~~^"),
        ("name; (extra == 'example'", "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression\n    name; (extra == 'example'\n          ~~~~~~~~~~~~~~~~~~~^"),
        ("name @ ", "Expected URL after @\n    name @ \n           ^"),
        ("name; invalid_name", "Expected a marker variable or quoted string\n    name; invalid_name\n          ^"),
        ("name; '3.7' <= invalid_name", "Expected a marker variable or quoted string\n    name; '3.7' <= invalid_name\n                   ^"),
        ("name; os_name == \"C:\\\"", "Invalid quoted string\n    name; os_name == \"C:\\\"\n                     ~~~~~^"),
        ("name; os_name == \"\\x\"", "Invalid quoted string\n    name; os_name == \"\\x\"\n                     ~~~~^"),
        ("name; '3.7' notin python_version", "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in\n    name; '3.7' notin python_version\n                ^"),
        ("name; '3.6'inpython_version", "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in\n    name; '3.6'inpython_version\n               ^"),
        ("name; '3.7' not python_version", "Expected 'in' after 'not'\n    name; '3.7' not python_version\n                    ^"),
        ("name; '3.7' ~ python_version", "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in\n    name; '3.7' ~ python_version\n                ^"),
        ("name==1.0.org1", "Expected comma (within version specifier), semicolon (after version specifier) or end\n    name==1.0.org1\n        ~~~~~^"),
        ("name==", "Expected semicolon (after name with no version specifier) or end\n    name==\n        ^"),
        ("name 1.0", "Expected semicolon (after name with no version specifier) or end\n    name 1.0\n         ^"),
        ("name >= 1.0 #", "Expected comma (within version specifier), semicolon (after version specifier) or end\n    name >= 1.0 #\n         ~~~~~~~^"),
        ("name >= 1.0 <= 2.0", "Expected comma (within version specifier), semicolon (after version specifier) or end\n    name >= 1.0 <= 2.0\n         ~~~~~~~^"),
    ]

    /// `test_str_and_repr`: (url or specifier, extras, marker)
    static let strAndRepr: [(String, String, String)] = [
        ("", "", ""),
        ("", "", "; python_version == \"3.11\""),
        ("", "", "; \"3.\" not in python_version"),
        ("", "[a]", ""),
        ("", "[a]", "; python_version == \"3.11\""),
        ("", "[a]", "; \"3.\" not in python_version"),
        ("", "[a,b]", ""),
        ("", "[a,b]", "; python_version == \"3.11\""),
        ("", "[a,b]", "; \"3.\" not in python_version"),
        ("", "[a1,b1,b2]", ""),
        ("", "[a1,b1,b2]", "; python_version == \"3.11\""),
        ("", "[a1,b1,b2]", "; \"3.\" not in python_version"),
        (" @ https://url ", "", ""),
        (" @ https://url ", "", "; python_version == \"3.11\""),
        (" @ https://url ", "", "; \"3.\" not in python_version"),
        (" @ https://url ", "[a]", ""),
        (" @ https://url ", "[a]", "; python_version == \"3.11\""),
        (" @ https://url ", "[a]", "; \"3.\" not in python_version"),
        (" @ https://url ", "[a,b]", ""),
        (" @ https://url ", "[a,b]", "; python_version == \"3.11\""),
        (" @ https://url ", "[a,b]", "; \"3.\" not in python_version"),
        (" @ https://url ", "[a1,b1,b2]", ""),
        (" @ https://url ", "[a1,b1,b2]", "; python_version == \"3.11\""),
        (" @ https://url ", "[a1,b1,b2]", "; \"3.\" not in python_version"),
        ("!=2.0", "", ""),
        ("!=2.0", "", "; python_version == \"3.11\""),
        ("!=2.0", "", "; \"3.\" not in python_version"),
        ("!=2.0", "[a]", ""),
        ("!=2.0", "[a]", "; python_version == \"3.11\""),
        ("!=2.0", "[a]", "; \"3.\" not in python_version"),
        ("!=2.0", "[a,b]", ""),
        ("!=2.0", "[a,b]", "; python_version == \"3.11\""),
        ("!=2.0", "[a,b]", "; \"3.\" not in python_version"),
        ("!=2.0", "[a1,b1,b2]", ""),
        ("!=2.0", "[a1,b1,b2]", "; python_version == \"3.11\""),
        ("!=2.0", "[a1,b1,b2]", "; \"3.\" not in python_version"),
        ("==2.*", "", ""),
        ("==2.*", "", "; python_version == \"3.11\""),
        ("==2.*", "", "; \"3.\" not in python_version"),
        ("==2.*", "[a]", ""),
        ("==2.*", "[a]", "; python_version == \"3.11\""),
        ("==2.*", "[a]", "; \"3.\" not in python_version"),
        ("==2.*", "[a,b]", ""),
        ("==2.*", "[a,b]", "; python_version == \"3.11\""),
        ("==2.*", "[a,b]", "; \"3.\" not in python_version"),
        ("==2.*", "[a1,b1,b2]", ""),
        ("==2.*", "[a1,b1,b2]", "; python_version == \"3.11\""),
        ("==2.*", "[a1,b1,b2]", "; \"3.\" not in python_version"),
    ]

    /// `EQUAL_DEPENDENCIES`
    static let equal: [(String, String)] = [
        ("packaging>20.1", "packaging>20.1"),
        ("requests[security, tests]>=2.8.1,==2.8.*;python_version<\"2.7\"", "requests [security,tests] >= 2.8.1, == 2.8.* ; python_version < \"2.7\""),
        ("importlib-metadata; python_version<\"3.8\"", "importlib-metadata; python_version<'3.8'"),
        ("appdirs>=1.4.4,<2; os_name==\"posix\" and extra==\"testing\"", "appdirs>=1.4.4,<2; os_name == 'posix' and extra == 'testing'"),
    ]

    /// `EQUIVALENT_DEPENDENCIES`
    static let equivalent: [(String, String)] = [
        ("scikit-learn==1.0.1", "scikit_learn==1.0.1"),
        ("foo==1.0.0", "foo==1.0.0.0"),
        ("foo>=1.0", "foo>=1.0.0"),
        ("foo[a]==1.0.0; python_version>=\"3.8\"", "foo[a]==1.0.0.0; python_version>=\"3.8\""),
        ("urllib3[secure]", "urllib3[SECURE]"),
        ("fishtank[all-blue]", "fishtank[all_blue]"),
        ("fishtank[all-blue]", "fishtank[all---blue]"),
        ("fishtank[crazy-bunches]", "fishtank[cRazy_BUnches]"),
    ]

    /// `DIFFERENT_DEPENDENCIES`
    static let different: [(String, String)] = [
        ("package_one", "package_two"),
        ("packaging>20.1", "packaging>=20.1"),
        ("packaging>20.1", "packaging>21.1"),
        ("packaging>20.1", "package>20.1"),
        ("requests[security,tests]>=2.8.1,==2.8.*;python_version<\"2.7\"", "requests [security,tests] >= 2.8.1 ; python_version < \"2.7\""),
        ("importlib-metadata; python_version<\"3.8\"", "importlib-metadata; python_version<'3.7'"),
        ("appdirs>=1.4.4,<2; os_name==\"posix\" and extra==\"testing\"", "appdirs>=1.4.4,<2; os_name == 'posix' and extra == 'docs'"),
    ]

    /// `test_pickle_requirement_roundtrip` inputs (round-trip through the printed form)
    static let pickleRoundTrip: [String] = [
        "requests",
        "requests>=2.0",
        "requests>=2.0,<3.0",
        "requests>=2.0; python_version >= \"3.8\"",
        "requests[security,socks]>=2.0",
        "my-pkg @ https://example.com",
        "Django>=1.4.2,!=1.5.0,!=1.5.1; python_version < \"3\"",
    ]
}
