"""What tests share: helpers imported by test modules (never one test module from another)."""
