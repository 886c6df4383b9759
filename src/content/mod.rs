//! Reading `content/`: finds the site configuration, the item files, the pages and their
//! translations, reads each one (front-matter split, raw structs parsed) and reports every
//! file that cannot be read. Nothing here judges whether the content makes sense: that is
//! `model::validate`'s job.

pub mod frontmatter;
pub mod locate;
pub mod parse;
pub mod raw;
pub mod walk;
