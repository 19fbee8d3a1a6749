//! The visible parts of the app. Each component reads shared state through
//! [`crate::context`] and calls `chronicle-core` for anything that is not display.

pub mod chronology;
pub mod document_view;
pub mod export_menu;
pub mod facets;
pub mod filters;
pub mod marked;
pub mod notices;
pub mod result_list;
pub mod search_bar;
pub mod staged;
pub mod theme_toggle;
pub mod timeline;
