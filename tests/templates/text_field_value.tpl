Because it {text: reason}.
