mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

/// A C++ `stats::Tally`, stored inline.
pub use generated::cpp::Tally;
/// A borrowed C++ `stats::Tally`.
pub use generated::cpp::TallyView;

fn main() {
    let mut tally = Tally::starting_at(10);
    tally.add(5);
    tally.add(7);
    println!("total {} after {} additions", tally.total(), tally.count());
    let view: &TallyView = tally.view();
    println!("average through a view: {}", view.average());
    let moved = tally;
    let mut boxed = Box::new(moved);
    boxed.add(1);
    println!("boxed total {}", boxed.total());
    let many: Vec<Tally> = (1..=3).map(Tally::starting_at).collect();
    let sum: i32 = many.iter().map(Tally::total).sum();
    println!("sum of {} tallies: {sum}", many.len());
    drop(boxed);
    println!("dropping the vector");
    drop(many);
    println!("done");
}
