//! Action items (åtgärder) as the lists and the closing form see them: where an item stands on a
//! day, in words; who may close it; what a closing form asks for; and the lists' order and groups.
//! The closing rule itself (`close_action`) and the states live in [`super::meeting`].
//!
//! Pure: no HTTP, no SQL.

use chrono::NaiveDate;

use super::meeting::{ActionState, close_action, is_overdue};
use super::policy::{Action, allows};
use super::role::Role;
use super::validation::{FieldErrors, optional_text};

/// The longest comment on a closed action item.
pub const COMMENT_MAX: usize = 2_000;

/// Where an action item stands on a given day: its state, and for an open one whether it is late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// Open and past its due date. First in every list: it is what needs doing.
    Overdue,
    Open,
    Done,
    Cancelled,
}

impl Standing {
    pub fn of(state: ActionState, due_on: NaiveDate, today: NaiveDate) -> Standing {
        match state {
            ActionState::Open if is_overdue(state, due_on, today) => Standing::Overdue,
            ActionState::Open => Standing::Open,
            ActionState::Done => Standing::Done,
            ActionState::Cancelled => Standing::Cancelled,
        }
    }

    /// The word the pages show: the state is never told by colour alone.
    pub fn label_key(self) -> &'static str {
        match self {
            Standing::Overdue => "action-standing-overdue",
            Standing::Open => "action-standing-open",
            Standing::Done => "action-standing-done",
            Standing::Cancelled => "action-standing-cancelled",
        }
    }

    /// The CSS class of its badge.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Overdue => "overdue",
            Standing::Open => "open",
            Standing::Done => "done",
            Standing::Cancelled => "cancelled",
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, Standing::Overdue | Standing::Open)
    }
}

/// Whether someone with `role`, who is one of the item's owners or not, may close it: an owner
/// their own; the management group and the administrator any.
pub fn may_close(role: Role, is_owner: bool) -> bool {
    is_owner || allows(role, Action::CloseAnyActionItem)
}

/// The closing form as posted (`POST /action-items/{id}`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CloseForm {
    pub state: String,
    pub comment: String,
}

/// A closing the form asks for, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    pub state: ActionState,
    pub comment: String,
}

/// Why a closing was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloseRefusal {
    /// The item is done or cancelled already: it is closed once (409).
    AlreadyClosed,
    /// The form has errors, each beside its field (422).
    Invalid(FieldErrors),
}

/// Checks a closing of an item that stands at `current`: an open item is done, or cancelled with
/// a comment saying why; a closed one is never closed again.
pub fn parse_closing(current: ActionState, form: &CloseForm) -> Result<Closing, CloseRefusal> {
    if current != ActionState::Open {
        return Err(CloseRefusal::AlreadyClosed);
    }
    let mut errors = FieldErrors::new();
    let state = errors.check("state", ActionState::parse_closing(&form.state));
    let comment = errors.check("comment", optional_text(&form.comment, COMMENT_MAX));
    let (Some(state), Some(comment)) = (state, comment) else {
        return Err(CloseRefusal::Invalid(errors));
    };
    match close_action(current, state, &comment) {
        Ok(state) => Ok(Closing { state, comment }),
        Err("action-refused-closed") => Err(CloseRefusal::AlreadyClosed),
        Err(key) => {
            errors.add("comment", key);
            Err(CloseRefusal::Invalid(errors))
        }
    }
}

/// The order of a list of action items: overdue first, then open, then closed; within each by
/// due date, then as created.
pub fn sort_key(standing: Standing, due_on: NaiveDate, id: i64) -> (Standing, NaiveDate, i64) {
    (standing, due_on, id)
}

/// `items` in groups by `keys` (an item with several keys, such as several owners, is in each of
/// their groups), the groups ordered by key and the items in each kept in their order.
pub fn group_by<K: Ord + Clone, T>(items: &[T], keys: impl Fn(&T) -> Vec<K>) -> Vec<(K, Vec<&T>)> {
    let mut groups: std::collections::BTreeMap<K, Vec<&T>> = std::collections::BTreeMap::new();
    for item in items {
        let mut item_keys = keys(item);
        item_keys.sort();
        item_keys.dedup();
        for key in item_keys {
            groups.entry(key).or_default().push(item);
        }
    }
    groups.into_iter().collect()
}

/// Open and overdue action items, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpenCount {
    pub open: i64,
    pub overdue: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("a day")
    }

    fn form(state: &str, comment: &str) -> CloseForm {
        CloseForm {
            state: state.into(),
            comment: comment.into(),
        }
    }

    #[test]
    fn an_open_item_is_overdue_after_its_due_date_and_a_closed_one_never() {
        assert_eq!(
            Standing::of(ActionState::Open, day(10), day(10)),
            Standing::Open
        );
        assert_eq!(
            Standing::of(ActionState::Open, day(10), day(11)),
            Standing::Overdue
        );
        assert_eq!(
            Standing::of(ActionState::Done, day(1), day(11)),
            Standing::Done
        );
        assert_eq!(
            Standing::of(ActionState::Cancelled, day(1), day(11)),
            Standing::Cancelled
        );
        assert!(Standing::Overdue.is_open() && Standing::Open.is_open());
        assert!(!Standing::Done.is_open() && !Standing::Cancelled.is_open());
    }

    #[test]
    fn owners_close_their_own_and_the_management_group_and_administrator_any() {
        for role in Role::ALL {
            assert!(may_close(role, true), "{role:?} closes their own");
            let any = matches!(role, Role::ManagementGroup | Role::Administrator);
            assert_eq!(may_close(role, false), any, "{role:?}");
        }
    }

    #[test]
    fn an_open_item_is_done_or_cancelled_with_a_reason() {
        assert_eq!(
            parse_closing(ActionState::Open, &form("done", "")),
            Ok(Closing {
                state: ActionState::Done,
                comment: String::new()
            })
        );
        assert_eq!(
            parse_closing(
                ActionState::Open,
                &form(" cancelled ", " Ersatt av LG 2026:3 ")
            ),
            Ok(Closing {
                state: ActionState::Cancelled,
                comment: "Ersatt av LG 2026:3".into()
            })
        );
    }

    #[test]
    fn a_cancellation_without_a_reason_is_refused_beside_the_comment() {
        let Err(CloseRefusal::Invalid(errors)) =
            parse_closing(ActionState::Open, &form("cancelled", "  "))
        else {
            panic!("refused");
        };
        assert_eq!(errors.get("comment"), Some("error-action-cancel-reason"));
        assert_eq!(errors.get("state"), None);
    }

    #[test]
    fn a_state_that_is_not_a_closing_is_refused_beside_the_state() {
        for bad in ["", "open", "klar", "<b>"] {
            let Err(CloseRefusal::Invalid(errors)) =
                parse_closing(ActionState::Open, &form(bad, ""))
            else {
                panic!("{bad} refused");
            };
            assert_eq!(errors.get("state"), Some("error-action-state"), "{bad}");
        }
        let long = "x".repeat(COMMENT_MAX + 1);
        let Err(CloseRefusal::Invalid(errors)) =
            parse_closing(ActionState::Open, &form("done", &long))
        else {
            panic!("refused");
        };
        assert_eq!(errors.get("comment"), Some("error-too-long"));
    }

    #[test]
    fn a_closed_item_is_never_closed_again_whatever_the_form_says() {
        for current in [ActionState::Done, ActionState::Cancelled] {
            for f in [form("done", ""), form("cancelled", "skäl"), form("", "")] {
                assert_eq!(
                    parse_closing(current, &f),
                    Err(CloseRefusal::AlreadyClosed),
                    "{current:?}"
                );
            }
        }
    }

    #[test]
    fn overdue_items_come_first_then_by_due_date() {
        let mut items = [
            sort_key(Standing::Done, day(1), 1),
            sort_key(Standing::Open, day(20), 2),
            sort_key(Standing::Overdue, day(5), 3),
            sort_key(Standing::Open, day(15), 4),
            sort_key(Standing::Overdue, day(2), 5),
        ];
        items.sort();
        let ids: Vec<i64> = items.iter().map(|k| k.2).collect();
        assert_eq!(ids, [5, 3, 4, 2, 1]);
    }

    #[test]
    fn an_item_with_several_owners_is_in_each_owners_group() {
        let items = [
            ("a", vec![2, 1]),
            ("b", vec![1]),
            ("c", vec![]),
            ("d", vec![3, 3]),
        ];
        let groups = group_by(&items, |item| item.1.clone());
        let named: Vec<(i32, Vec<&str>)> = groups
            .into_iter()
            .map(|(key, items)| (key, items.into_iter().map(|i| i.0).collect()))
            .collect();
        assert_eq!(named, [(1, vec!["a", "b"]), (2, vec!["a"]), (3, vec!["d"])]);
    }
}
