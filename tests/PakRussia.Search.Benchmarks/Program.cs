Console.WriteLine("benchmarks: see README (Performance)");
