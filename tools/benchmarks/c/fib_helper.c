/* C twin of tests/programs_large/fib_helper.py: the same calls, the same output. */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static uint64_t fib_iter(int n) {
    uint64_t a = 0, b = 1;
    for (int i = 0; i < n; i++) {
        uint64_t t = a + b;
        a = b;
        b = t;
    }
    return a;
}

/* best(f, *args, repeat): the result of the last of `repeat` runs, and the best seconds */
static long best(long (*f)(long), long arg, int repeat, double *secs) {
    long r = 0;
    *secs = 1e300;
    for (int i = 0; i < repeat; i++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        r = f(arg);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
        if (s < *secs) *secs = s;
    }
    return r;
}

int main(void) {
    double secs;
    long r = best(fib, 30, 1, &secs);
    printf("fib(30) = %ld timed: %s\n", r, secs >= 0.0 ? "True" : "False");
    r = best(fib, 20, 3, &secs);
    printf("fib(20) = %ld matches iterative: %s\n", r, (uint64_t)r == fib_iter(20) ? "True" : "False");
    printf("fib(90) iterative = %llu\n", (unsigned long long)fib_iter(90));
    return 0;
}
