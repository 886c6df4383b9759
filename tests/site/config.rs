//! site.toml's errors: every problem of its shape in one run, each at the key at fault
//! (inside arrays of tables too), unknown keys with the closest known one; then the checks of
//! its values, at the criterion or preset at fault.

use super::support::SiteTest;

/// The fixture's site.toml with many faults of shape.
const SHAPE_FAULTS: &str = r#"titel = "Widgets"
description = { en = "Widgets.", ko = 3 }
base_url = "https://example.org/widgets/"
default_language = "en"
items = "items"
item_label = "Widget"
overall_min_ratings = "3"

[[languages]]
code = "en"
name = "English"

[[languages]]
code = "ko"

[scale]
min = 1
max = 5

[[criteria]]
id = "speed"
weight = 2
label = "Speed"
description = "How fast it is."
rubric = { 1 = "Slow.", 5 = "Fast." }

[[criteria]]
id = "docs"
wieght = 1
label = "Documentation"
description = "How well it is documented."
rubric = {}

[[facts]]
id = "license"
type = "choise"
label = "Licence"
required = "yes"

[[presets]]
id = "fast"
label = "Fast"
description = "Speed first."
weights = { speed = 1 }

[[presets]]
id = "docs"
label = "Documented"
descripton = "Docs first."
weights = { docs = "1" }

[charts]
bars = -1
"#;

#[test]
fn every_fault_of_shape_is_reported_at_its_key_in_one_run() {
    let site = SiteTest::fixture("bilingual");
    site.write("content/site.toml", SHAPE_FAULTS);
    site.build().assert_fails_with(&[
        "content/site.toml:1:1: missing key `title` (text)\n  |\n1 | titel = \"Widgets\"\n  | ^",
        "content/site.toml:1:1: unknown key `titel`: did you mean \"title\"?\n  |\n1 | titel = \"Widgets\"\n  | ^",
        "content/site.toml:2:39: `description.ko` must be a string, found a whole number\n  |\n2 | description = { en = \"Widgets.\", ko = 3 }\n  |                                       ^",
        "content/site.toml:7:23: `overall_min_ratings` must be a whole number from 0, found a string\n  |\n7 | overall_min_ratings = \"3\"\n  |                       ^",
        "content/site.toml:13:1: missing key `languages.name` (a string)\n   |\n13 | [[languages]]\n   | ^",
        "content/site.toml:27:1: missing key `criteria.weight` (a number)\n   |\n27 | [[criteria]]\n   | ^",
        "content/site.toml:29:1: unknown key `criteria.wieght`: did you mean \"weight\"?\n   |\n29 | wieght = 1\n   | ^",
        "content/site.toml:36:8: `facts.type` = \"choise\" must be one of \"text\", \"list\", \"url\", \"year\", \"number\", \"choice\": did you mean \"choice\"?\n   |\n36 | type = \"choise\"\n   |        ^",
        "content/site.toml:38:12: `facts.required` must be true or false, found a string\n   |\n38 | required = \"yes\"\n   |            ^",
        "content/site.toml:46:1: missing key `presets.description` (text)\n   |\n46 | [[presets]]\n   | ^",
        "content/site.toml:49:1: unknown key `presets.descripton`: did you mean \"description\"?\n   |\n49 | descripton = \"Docs first.\"\n   | ^",
        "content/site.toml:50:20: `presets.weights.docs` must be a number, found a string\n   |\n50 | weights = { docs = \"1\" }\n   |                    ^",
        "content/site.toml:53:8: `charts.bars` must be a whole number from 0, found a negative number\n   |\n53 | bars = -1\n   |        ^",
    ]);
}

#[test]
fn checks_of_values_point_at_the_criterion_or_preset_at_fault() {
    let site = SiteTest::fixture("bilingual");
    site.edit(
        "content/site.toml",
        "id = \"docs\"\nweight = 1",
        "id = \"docs\"\nweight = 0",
    );
    site.edit(
        "content/site.toml",
        "5 = { en = \"Thorough.\"",
        "9 = { en = \"Thorough.\"",
    );
    let presets = "\n[[presets]]\nid = \"fast\"\nlabel = \"Fast\"\ndescription = \"Speed.\"\nweights = { speed = 1 }\n\n[[presets]]\nid = \"documented\"\nlabel = \"Documented\"\ndescription = \"Docs.\"\nweights = { sped = 1 }\n";
    let text = String::from_utf8(site.read("content/site.toml")).expect("UTF-8");
    site.write("content/site.toml", text + presets);
    site.build().assert_fails_with(&[
        "content/site.toml:32:10: criterion \"docs\": weight must be a number above 0 and at most 1000, found 0\n   |\n32 | weight = 0\n   |          ^",
        "content/site.toml:35:1: criterion \"docs\": rubric level \"9\" is not a whole number in the scale 1..5\n   |\n35 | [criteria.rubric]\n   | ^",
        "content/site.toml:60:11: preset \"documented\": unknown criterion \"sped\": did you mean \"speed\"?\n   |\n60 | weights = { sped = 1 }\n   |           ^",
    ]);
}

#[test]
fn unknown_keys_are_reported_with_the_checks_of_values() {
    let site = SiteTest::fixture("bilingual");
    site.edit(
        "content/site.toml",
        "items = \"items\"\n",
        "items = \"items\"\nitem_lable = \"Widget\"\n",
    );
    site.edit(
        "content/site.toml",
        "id = \"docs\"\nweight = 1",
        "id = \"docs\"\nweight = 0\nwieght = 1",
    );
    site.build().assert_fails_with(&[
        "content/site.toml:7:1: unknown key `item_lable`: did you mean \"item_label\"?\n  |\n7 | item_lable = \"Widget\"\n  | ^",
        "content/site.toml:33:10: criterion \"docs\": weight must be a number above 0 and at most 1000, found 0\n   |\n33 | weight = 0\n   |          ^",
        "content/site.toml:34:1: unknown key `criteria.wieght`: did you mean \"weight\"?\n   |\n34 | wieght = 1\n   | ^",
    ]);
}

#[test]
fn a_text_in_a_language_the_report_does_not_have_is_refused_at_its_key() {
    let site = SiteTest::fixture("bilingual");
    site.edit(
        "content/site.toml",
        "ko = \"위젯 비교\"",
        "kor = \"위젯 비교\"",
    );
    site.edit("content/site.toml", "ko = \"문서\"", "jp = \"문서\"");
    site.build().assert_fails_with(&[
        "content/site.toml:2:9: title: `kor` is not one of the languages (en, ko): did you mean \"ko\"?\n  |\n2 | title = { en = \"Widgets, compared\", kor = \"위젯 비교\" }\n  |         ^",
        "content/site.toml:33:9: criteria.docs.label: `jp` is not one of the languages (en, ko)\n   |\n33 | label = { en = \"Documentation\", jp = \"문서\" }\n   |         ^",
    ]);
}
