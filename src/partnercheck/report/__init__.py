"""What a run tells its reader: the score and verdict, the language of the output, and one renderer per format."""
