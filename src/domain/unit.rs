//! Boards (nämnder) and units (enheter), the organisation projects belong to.

use super::validation::{FieldErrors, optional_id, required_line};

pub const NAME_MAX: usize = 120;

/// A board or unit name from a form.
pub fn parse_name(raw: &str) -> Result<String, &'static str> {
    required_line(raw, NAME_MAX)
}

/// A unit as a user submits it: a name and the board it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitInput {
    pub name: String,
    pub board_id: i64,
}

/// Parses a unit form; `board_ids` are the boards that exist.
pub fn parse_unit(name: &str, board_id: &str, board_ids: &[i64]) -> Result<UnitInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", parse_name(name));
    let board_id = errors.check(
        "board_id",
        optional_id(board_id).and_then(|id| {
            id.filter(|id| board_ids.contains(id))
                .ok_or("error-choose-board")
        }),
    );
    match (name, board_id) {
        (Some(name), Some(board_id)) if errors.is_empty() => Ok(UnitInput { name, board_id }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_needs_a_name_and_an_existing_board() {
        assert_eq!(
            parse_unit(" Äldreenheten ", "2", &[1, 2]),
            Ok(UnitInput {
                name: "Äldreenheten".into(),
                board_id: 2
            })
        );
        let errors = parse_unit("", "9", &[1, 2]).unwrap_err();
        assert_eq!(errors.get("name"), Some("error-required"));
        assert_eq!(errors.get("board_id"), Some("error-choose-board"));
        let errors = parse_unit("X", "", &[1]).unwrap_err();
        assert_eq!(errors.get("board_id"), Some("error-choose-board"));
    }
}
