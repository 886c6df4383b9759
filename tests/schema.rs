//! The JSON Schema in docs/ describes the shipped configuration: its fact and criterion keys
//! must be exactly those of content/site.toml, so the document cannot drift from the build.

use std::collections::BTreeSet;
use std::path::Path;

use versus::config::Config;

fn keys(value: &serde_json::Value) -> BTreeSet<String> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect()
}

#[test]
fn the_item_schema_matches_the_shipped_configuration() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("docs/item.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let config = Config::load(&root.join("content/site.toml")).unwrap();
    let properties = &schema["properties"];
    let facts: BTreeSet<String> = config.facts.iter().map(|f| f.id.clone()).collect();
    let criteria: BTreeSet<String> = config.criteria.iter().map(|c| c.id.clone()).collect();
    assert_eq!(keys(&properties["facts"]["properties"]), facts);
    assert_eq!(keys(&properties["ratings"]["properties"]), criteria);
    let rating = &schema["$defs"]["rating"]["properties"];
    assert_eq!(rating["score"]["minimum"], config.scale.min);
    assert_eq!(rating["score"]["maximum"], config.scale.max);
}
