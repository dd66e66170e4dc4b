"""The toy exercise of CONTRIBUTING.md ("Adding an exercise type"): its grading module and its widget module."""
