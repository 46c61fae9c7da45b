//! The demo's monthly budget follow-up (månadsuppföljning): the twelve months before this one, for
//! both boards and every unit, recorded by the development manager through `db::follow_ups` as a
//! user would. The forecasts tell the year the demo's projects live in: the income support costs
//! of Myndighetsenheten grow into a deficit, elderly care runs a small deficit through the summer's
//! staffing, and the staff unit ends with a small surplus.

use chrono::NaiveDate;
use diesel::QueryResult;

use super::DbConnection;
use super::{follow_ups, units, users};
use crate::domain::follow_up::{FollowUpInput, Target};
use crate::domain::status_report::Period;

/// A board's or unit's year: its annual budget, the forecast deviation it drifts to by the
/// twelfth month (SEK, negative a deficit), and what the comments say on the way.
struct Story {
    name: &'static str,
    budget: i64,
    deviation_at_year_end: i64,
    comment: &'static str,
}

const BOARDS: &[Story] = &[
    Story {
        name: "Socialnämnden",
        budget: 845_000_000,
        deviation_at_year_end: -18_400_000,
        comment: "Underskottet kommer främst från ekonomiskt bistånd.",
    },
    Story {
        name: "Äldrenämnden",
        budget: 1_030_000_000,
        deviation_at_year_end: -6_200_000,
        comment: "Sommarens bemanning i hemtjänsten kostade mer än planerat.",
    },
];

const UNITS: &[Story] = &[
    Story {
        name: "Äldreenheten",
        budget: 612_000_000,
        deviation_at_year_end: -5_400_000,
        comment: "Övertid och inhyrd personal under semesterperioden.",
    },
    Story {
        name: "Omsorgsenheten",
        budget: 418_000_000,
        deviation_at_year_end: -800_000,
        comment: "I stort sett i balans.",
    },
    Story {
        name: "Barn- och familjeenheten",
        budget: 254_000_000,
        deviation_at_year_end: 1_900_000,
        comment: "Färre externa placeringar än budgeterat.",
    },
    Story {
        name: "Myndighetsenheten (mottagning, vuxen)",
        budget: 548_000_000,
        deviation_at_year_end: -21_700_000,
        comment: "Fler hushåll med försörjningsstöd; e-ansökan väntas minska handläggningstiden.",
    },
    Story {
        name: "Stab och utveckling",
        budget: 43_000_000,
        deviation_at_year_end: 1_400_000,
        comment: "Vakanser under våren.",
    },
];

/// The forecast deviation in the `month`th month of twelve (1-based): growing towards the year's
/// end, rounded to ten thousand kronor, with the comment from the fourth month on.
fn forecast(story: &Story, month: i64) -> (i64, &'static str) {
    let deviation = story.deviation_at_year_end * month / 12 / 10_000 * 10_000;
    let comment = if month >= 4 { story.comment } else { "" };
    (deviation, comment)
}

pub fn seed(conn: &mut DbConnection, today: NaiveDate) -> QueryResult<()> {
    let recorder = users::find_by_username(conn, "utvecklingschef")?
        .ok_or(diesel::result::Error::NotFound)?
        .id;
    let boards = units::boards(conn)?;
    let units = units::units(conn)?;
    let mut targets = Vec::new();
    for story in BOARDS {
        let board = boards.iter().find(|b| b.name == story.name);
        targets.push((
            Target::Board(board.ok_or(diesel::result::Error::NotFound)?.id),
            story,
        ));
    }
    for story in UNITS {
        let unit = units.iter().find(|u| u.name == story.name);
        targets.push((
            Target::Unit(unit.ok_or(diesel::result::Error::NotFound)?.id),
            story,
        ));
    }
    // The twelve months before this one, oldest first.
    for (index, period) in Period::of(today)
        .previous()
        .last(12)
        .into_iter()
        .enumerate()
    {
        for (target, story) in &targets {
            let (forecast_deviation, comment) = forecast(story, index as i64 + 1);
            let input = FollowUpInput {
                period,
                target: *target,
                budget: story.budget,
                forecast_deviation,
                comment: comment.to_owned(),
            };
            follow_ups::record(conn, &input, recorder)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forecast_drifts_to_its_year_end_deviation_in_round_figures() {
        let story = &UNITS[3];
        assert_eq!(forecast(story, 12).0, -21_700_000);
        assert_eq!(forecast(story, 6).0, -10_850_000);
        assert_eq!(forecast(story, 1).0 % 10_000, 0);
        assert_eq!(forecast(story, 3).1, "");
        assert_eq!(forecast(story, 4).1, story.comment);
    }
}
